/**
 * Plots, above the analysis: {@link cartan.plot.Charts} (XChart in one house style, log-safe axes, PNG and
 * SVG export), {@link cartan.plot.ProfilePlots} (exponent profiles, ESDs, a layer in the Cartan chart) and
 * {@link cartan.plot.QuantileRankPlots} (the rank-window transition of the orbit). No mathematics package
 * imports XChart; a new plot goes here and takes the analysis' values (profiles, spectra) as input.
 */
package cartan.plot;
