package cartan.plot;

import cartan.Require;
import cartan.profile.ExponentProfile;
import org.knowm.xchart.XYChart;

import java.util.List;

/**
 * A profile column against relative depth ℓ/(L − 1) for several models of different depths (notebook 17): per
 * model and transformer layer ℓ (the profile's {@code depth} column) the mean of the column over the attention
 * matrices (name containing {@code /attention/}) and over the others (the FFN), NaN values left out — two lines
 * per model.
 */
public final class DepthPlots {

    private DepthPlots() {
    }

    /** The attention and FFN layer means of {@code column} by relative depth, one pair of lines per model. */
    public static XYChart roleMeans(List<String> names, List<ExponentProfile> profiles, String column, String title) {
        Require.notNull("names", names);
        Require.notNull("profiles", profiles);
        Require.notNull("column", column);
        Require.notNull("title", title);
        if (names.size() != profiles.size() || names.isEmpty()) {
            throw new IllegalArgumentException("names: need one name per profile and at least one, got " + names.size()
                    + " names for " + profiles.size() + " profiles");
        }
        XYChart c = Charts.xy(title, "relative depth ℓ/(L−1)", column);
        for (int m = 0; m < names.size(); m++) {
            ExponentProfile p = profiles.get(m);
            double[] depthOf = p.column("depth");
            double[] values = p.column(column);
            int depth = (int) java.util.Arrays.stream(depthOf).max().orElse(0);
            if (depth < 1) {
                throw new IllegalArgumentException("profiles: " + names.get(m) + " has a single depth, no relative depth");
            }
            double[] att = new double[depth + 1];
            double[] ffn = new double[depth + 1];
            double[] x = new double[depth + 1];
            int[] na = new int[depth + 1];
            int[] nf = new int[depth + 1];
            for (int i = 0; i < p.size(); i++) {
                int d = (int) depthOf[i];
                if (!Double.isFinite(values[i])) {
                    continue;
                }
                if (p.layer(i).name().contains("/attention/")) {
                    att[d] += values[i];
                    na[d]++;
                } else {
                    ffn[d] += values[i];
                    nf[d]++;
                }
            }
            for (int d = 0; d <= depth; d++) {
                att[d] /= na[d];
                ffn[d] /= nf[d];
                x[d] = d / (double) depth;
            }
            Charts.line(c, names.get(m) + " attention", x, att);
            Charts.line(c, names.get(m) + " FFN", x, ffn);
        }
        return c;
    }
}
