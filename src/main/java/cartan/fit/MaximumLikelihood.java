package cartan.fit;

import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * The optimiser behind every two-parameter tail MLE of this package (lognormal, truncated power law,
 * stretched exponential, their discrete versions) and the one-parameter ones without a closed form
 * (Poisson): minimise a negative log-likelihood with Hipparchus' Nelder–Mead simplex from several
 * starting points, each run restarted from its own optimum with smaller steps until the value stops
 * improving (a simplex can stall on a curved valley; a restart fixes that), and keep the best.
 * Non-finite objective values count as +∞, so a parameterisation may step outside its domain.
 * Deterministic: the same starts give the same answer.
 */
final class MaximumLikelihood {

    private static final int MAX_EVAL = 20_000;
    private static final int MAX_RESTARTS = 6;

    private MaximumLikelihood() {
    }

    /** The minimiser of {@code nll} over the starts (each with initial simplex steps {@code steps}). */
    static double[] minimize(MultivariateFunction nll, double[][] starts, double[] steps) {
        MultivariateFunction f = p -> finiteOrInfinity(nll.value(p));
        PointValuePair best = null;
        for (double[] start : starts) {
            PointValuePair r = new PointValuePair(start, f.value(start));
            double[] s = steps.clone();
            for (int k = 0; k < MAX_RESTARTS; k++) {
                PointValuePair next = simplex(f, r.getPoint(), s);
                boolean improved = next.getValue() < r.getValue() - 1e-13 * (Math.abs(r.getValue()) + 1e-13);
                if (next.getValue() <= r.getValue()) {
                    r = next;
                }
                if (!improved && k > 0) {
                    break;
                }
                for (int i = 0; i < s.length; i++) {
                    s[i] *= 0.1;
                }
            }
            if (best == null || r.getValue() < best.getValue()) {
                best = r;
            }
        }
        return best.getPoint();
    }

    private static PointValuePair simplex(MultivariateFunction f, double[] start, double[] steps) {
        SimplexOptimizer opt = new SimplexOptimizer(new SimpleValueChecker(1e-14, 1e-300));
        try {
            return opt.optimize(new MaxEval(MAX_EVAL), new ObjectiveFunction(f), GoalType.MINIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(steps));
        } catch (MathIllegalStateException tooManyEvaluations) {
            // the budget is far above what a two-parameter likelihood needs; keep the start
            return new PointValuePair(start, f.value(start));
        }
    }

    /** The minimiser of a function of one variable on [lo, hi] (Brent's golden-section/parabolic search). */
    static double minimize(UnivariateFunction f, double lo, double hi) {
        BrentOptimizer opt = new BrentOptimizer(1e-14, 1e-300);
        UnivariatePointValuePair r = opt.optimize(new MaxEval(MAX_EVAL),
                new UnivariateObjectiveFunction(x -> finiteOrInfinity(f.value(x))), GoalType.MINIMIZE,
                new SearchInterval(lo, hi));
        return r.getPoint();
    }

    private static double finiteOrInfinity(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
