package cartan.plot;

import cartan.linalg.RandomMatrices;
import cartan.profile.ExponentProfile;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

import static cartan.ValidationSweep.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RigidityPlots, SweepPlots and DepthPlots: their series and the values on them, and named bad input. */
class NotebookPlotsTest {

    @Test
    void budgetChartHasTwoScattersAndTheBudgetLine() {
        XYChart c = RigidityPlots.budget(new double[] {10, 30, 100}, new double[] {1.2, 0.9, 1.1}, new double[] {0.8, 0.7, 0.9});
        assertEquals(3, c.getSeriesCollection().size());
        assertArrayEquals(new double[] {10, 100}, c.getSeries("exact-chart budget").getXData(), 0);
        rejects("exact", () -> RigidityPlots.budget(new double[] {10}, new double[] {1, 2}, new double[] {1}));
        rejects("depths", () -> RigidityPlots.budget(new double[] {0}, new double[] {1}, new double[] {1}));
    }

    @Test
    void driftBoundsPlotsTheProfileAndTheSlackFreeRival() {
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            f.add(CommonOps_DDRM.add(CommonOps_DDRM.identity(8), 1, RandomMatrices.gaussian(8, 8, 0.3, 40L + l), null));
        }
        ExponentProfile chain = ExponentProfile.ofChain(f);
        double lambda = 1.3;
        XYChart c = RigidityPlots.driftBounds(chain, lambda);
        assertArrayEquals(chain.column("drift"), c.getSeries("drift |Δβ̂|").getYData(), 0);
        double[] ag = chain.column("gm_amplitude");
        double[] e1 = chain.column("top_residual");
        double[] rival = c.getSeries("slack-free bound (rival)").getYData();
        assertEquals((ag[0] + Math.abs(e1[0])) / lambda, rival[0], 1e-15);
        assertEquals((ag[3] + Math.abs(e1[3] - e1[2])) / lambda, rival[3], 1e-15);
        rejects("chain", () -> RigidityPlots.driftBounds(ExponentProfile.ofLayers(f), lambda));
        rejects("lambda", () -> RigidityPlots.driftBounds(chain, 0));
    }

    @Test
    void sweepLinesOnePerLayerSortedByStep() {
        Table t = Table.create("s").addColumns(IntColumn.create("step", 20, 0, 10, 0),
                StringColumn.create("layer", "a", "a", "a", "b"), DoubleColumn.create("alpha", 3, 1, 2, 5));
        XYChart c = SweepPlots.byLayer(t, "alpha", "x");
        assertEquals(2, c.getSeriesCollection().size());
        assertArrayEquals(new double[] {0, 10, 20}, c.getSeries("a").getXData(), 0);
        assertArrayEquals(new double[] {1, 2, 3}, c.getSeries("a").getYData(), 0);
        rejects("sweep", () -> SweepPlots.byLayer(t, "beta", "x"));
    }

    @Test
    void depthPlotNeedsOneNamePerProfile() {
        rejects("names", () -> DepthPlots.roleMeans(List.of("a"), List.of(), "alpha", "t"));
    }

    @Test
    void orbitTopRadialAndTransitionCharts() {
        cartan.orbit.CartanOrbit orbit = cartan.orbit.CartanOrbit.ofWidth(10);
        XYChart w = OrbitPlots.weights(orbit, 0.5, 1.0);
        assertArrayEquals(orbit.weights(1.0), w.getSeries("s = 1.0").getYData(), 0);
        XYChart f = OrbitPlots.fisher(new int[] {10, 20}, new double[] {0, 0.5, 1});
        assertEquals(orbit.fisherInformation(0.5), f.getSeries("d = 10").getYData()[1], 0);
        XYChart n = TopRadialPlots.normalised(new int[] {16, 64}, new double[] {0, 1});
        assertEquals(0, n.getSeries("d = 16").getYData()[0], 1e-15);   // r(0) = 0
        assertEquals(2, TopRadialPlots.bounds(new double[] {0.9, 1}, new double[] {1.1, 1}).getSeriesCollection().size());
        XYChart t = TransitionPlots.collapse(0.9, new int[] {100}, new double[] {-1, 0, 1});
        assertEquals(Math.log(cartan.rank.QuantileRank.exact(1, 100, 0.9)) / Math.log(100), t.getSeries("d = 100").getYData()[1], 1e-15);
        rejects("widths", () -> OrbitPlots.fisher(new int[0], new double[] {1}));
        rejects("toConverse", () -> TopRadialPlots.bounds(new double[] {1}, new double[0]));
        rejects("widths", () -> TransitionPlots.collapse(0.9, new int[] {1}, new double[] {0}));
    }

    @Test
    void nearIdentityCharts() {
        XYChart p = NearIdentityPlots.path(new double[] {0, 0.5, 1}, new double[] {0, 0.2, 0.1}, new double[] {0.1, 0.3, 0.2, 0.1});
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1}, p.getSeries("chain β̂(J_ℓ)").getXData(), 0);
        cartan.spectrum.Spectrum a = cartan.spectrum.Spectrum.powerLaw(8, 0.5);
        XYChart s = NearIdentityPlots.sameTop(a, cartan.spectrum.Spectrum.ofSingularValues(3, 1, 1, 1, 1, 1, 1, 1), 0.5);
        double[] line = s.getSeries("orbit line r(0.5) − 0.5 log k").getYData();
        assertEquals(a.cartanCoordinate()[3], line[3], 1e-12);   // the orbit point lies on its line
        rejects("b", () -> NearIdentityPlots.sameTop(a, cartan.spectrum.Spectrum.ofSingularValues(2, 1), 0.5));
    }
}
