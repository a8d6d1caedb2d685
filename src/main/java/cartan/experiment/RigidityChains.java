package cartan.experiment;

import cartan.Require;
import cartan.linalg.RandomMatrices;
import cartan.linalg.Svd;
import cartan.spectrum.Spectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The chain populations of notebook 03 (rigidity, P1.5 / E1.5): chains of d×d factors A_1, …, A_L whose partial
 * products J_ℓ = A_ℓ⋯A_1 the notebook profiles. Every builder draws from the given generator in a fixed order,
 * so one seed gives one population.
 *
 * <ul>
 *   <li>{@link #nearPowerLaw}: a bent power law with log κ = log(σ_1/σ_d) fixed: log σ_k ∝ −x + c₂x(x−1) +
 *       c₃x(x−½)(x−1), x = log k / log d, c₂, c₃ ~ bend·N(0, 1), sorted and rescaled so σ_1 = 1;</li>
 *   <li>{@link #zeroSlack}: chains in one Haar frame Q per chain (A_ℓ = Q diag(s_ℓ) Qᵀ, so the top directions
 *       chain and the slack ξ_ℓ = log σ_1(A_ℓ) + log σ_1(J_{ℓ−1}) − log σ_1(J_ℓ) is 0);</li>
 *   <li>{@link #general}: random frames, backtracking chains with crushers, a residual network and three of the
 *       zero-slack chains — the E1.5b population.</li>
 * </ul>
 *
 * @param chains     the factors of each chain
 * @param kinds      what each chain is ("uniform budget", "uneven split", "random frames", "backtracking",
 *                   "residual network", "zero slack, bent")
 * @param logBudgets log M of each chain's depth budget (NaN where the chain has none)
 */
public record RigidityChains(List<List<DMatrixRMaj>> chains, List<String> kinds, double[] logBudgets) {

    public RigidityChains {
        Require.notNull("chains", chains);
        Require.notNull("kinds", kinds);
        Require.notNull("logBudgets", logBudgets);
        if (kinds.size() != chains.size() || logBudgets.length != chains.size()) {
            throw new IllegalArgumentException("kinds: need one kind and one budget per chain, got " + kinds.size()
                    + " kinds and " + logBudgets.length + " budgets for " + chains.size() + " chains");
        }
        chains = List.copyOf(chains);
        kinds = List.copyOf(kinds);
        logBudgets = logBudgets.clone();
    }

    /** log M of each chain's budget (a copy). */
    @Override
    public double[] logBudgets() {
        return logBudgets.clone();
    }

    /** The number of chains. */
    public int size() {
        return chains.size();
    }

    /** The factors of chain c. */
    public List<DMatrixRMaj> chain(int c) {
        return chains.get(c);
    }

    /** The depth L of chain c. */
    public int depth(int c) {
        return chains.get(c).size();
    }

    /** The total number of factors over all chains. */
    public int layers() {
        return chains.stream().mapToInt(List::size).sum();
    }

    /** Q diag(s) Qᵀ: the spectrum s in the common orthogonal frame Q. */
    public static DMatrixRMaj inFrame(DMatrixRMaj q, double[] s) {
        Require.square("q", q);
        return new Svd(q, Require.finite("s", s), q).compose(s);
    }

    /**
     * A near power law of width d with log(σ_1/σ_d) = logKappa: y_k = −x + c₂x(x−1) + c₃x(x−½)(x−1),
     * x = log k / log d, c₂ and c₃ drawn as bend·N(0, 1) (in that order), y sorted, and
     * σ = exp(logKappa·(y − y_max)/(y_max − y_min)) in decreasing order. bend = 0 gives the exact power law
     * σ_k = k^{−logKappa/log d}.
     */
    public static double[] nearPowerLaw(int d, double logKappa, double bend, SplittableRandom rnd) {
        Require.atLeast("d", d, 2);
        Require.nonNegative("logKappa", logKappa);
        Require.finite("bend", bend);
        Require.notNull("rnd", rnd);
        double c2 = bend * RandomMatrices.standardNormal(rnd);
        double c3 = bend * RandomMatrices.standardNormal(rnd);
        double[] y = new double[d];
        for (int k = 1; k <= d; k++) {
            double x = Math.log(k) / Math.log(d);
            y[k - 1] = -x + c2 * x * (x - 1) + c3 * x * (x - 0.5) * (x - 1);
        }
        Arrays.sort(y);
        double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            s[k] = Math.exp(logKappa * (y[d - 1 - k] - y[d - 1]) / (y[d - 1] - y[0]));
        }
        return s;
    }

    /**
     * The E1.5a population, d×d factors, each chain in its own Haar frame (zero slack): first nine
     * uniform-budget chains, L ∈ {10, 30, 100} × M ∈ {10, 10³, 10⁶} (L outer), factor ℓ a near power law with
     * bend 0.3 and log κ = u_ℓ log M / L, u_ℓ uniform in [0.5, 1]; then three uneven-split chains, L = 30,
     * M = 10³, exact power laws with log κ = w_ℓ log M, w Dirichlet(1) weights (normalised exponentials).
     */
    public static RigidityChains zeroSlack(int d, SplittableRandom rnd) {
        Require.atLeast("d", d, 2);
        Require.notNull("rnd", rnd);
        List<List<DMatrixRMaj>> chains = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<Double> budgets = new ArrayList<>();
        for (int depth : new int[] {10, 30, 100}) {
            for (double logM : new double[] {Math.log(10), Math.log(1e3), Math.log(1e6)}) {
                DMatrixRMaj q = RandomMatrices.haarOrthogonal(d, rnd);
                List<DMatrixRMaj> f = new ArrayList<>();
                for (int l = 0; l < depth; l++) {
                    f.add(inFrame(q, nearPowerLaw(d, (0.5 + 0.5 * rnd.nextDouble()) * logM / depth, 0.3, rnd)));
                }
                chains.add(f);
                kinds.add("uniform budget");
                budgets.add(logM);
            }
        }
        for (int c = 0; c < 3; c++) {
            DMatrixRMaj q = RandomMatrices.haarOrthogonal(d, rnd);
            double[] w = new double[30];
            for (int l = 0; l < 30; l++) {
                w[l] = -Math.log(1 - rnd.nextDouble());
            }
            double total = Arrays.stream(w).sum();
            List<DMatrixRMaj> f = new ArrayList<>();
            for (int l = 0; l < 30; l++) {
                f.add(inFrame(q, nearPowerLaw(d, w[l] / total * Math.log(1e3), 0, rnd)));
            }
            chains.add(f);
            kinds.add("uneven split");
            budgets.add(Math.log(1e3));
        }
        return new RigidityChains(chains, kinds, budgets.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The E1.5b population, d×d factors, drawing after {@code zeroSlack}: four random-frame chains (L = 30,
     * A_ℓ = R_1 diag(k^{−β}) R_2ᵀ with fresh Haar frames, β = log 10³/(30 log d)); four backtracking chains
     * (L = 30, one Haar frame; power laws with β uniform in [0.1, 0.3] aligned with the chain's current order of
     * the frame's columns, and every fourth factor a crusher diag(c, 1, …, 1) on the chain's current top
     * direction, c uniform in [0.05, 0.5]); one residual network (L = 48, A_ℓ = I + W_ℓ, W_ℓ Gaussian with
     * entries of s.d. 0.25/√d); and the zero-slack chains 1, 4 and 7 (the bent L = 30 ones).
     */
    public static RigidityChains general(int d, RigidityChains zeroSlack, SplittableRandom rnd) {
        Require.atLeast("d", d, 2);
        Require.notNull("zeroSlack", zeroSlack);
        Require.notNull("rnd", rnd);
        if (zeroSlack.size() < 8) {
            throw new IllegalArgumentException("zeroSlack: needs the chains 1, 4 and 7, got " + zeroSlack.size());
        }
        List<List<DMatrixRMaj>> chains = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        double[] law = Spectrum.powerLaw(d, Math.log(1e3) / (30 * Math.log(d))).singularValues();
        for (int c = 0; c < 4; c++) {
            chains.add(randomFrames(law, 30, rnd));
            kinds.add("random frames");
        }
        for (int c = 0; c < 4; c++) {
            chains.add(backtracking(d, 30, rnd));
            kinds.add("backtracking");
        }
        List<DMatrixRMaj> resnet = new ArrayList<>();
        for (int l = 0; l < 48; l++) {
            resnet.add(CommonOps_DDRM.add(CommonOps_DDRM.identity(d), 1,
                    RandomMatrices.gaussian(d, d, 0.25 / Math.sqrt(d), rnd), null));
        }
        chains.add(resnet);
        kinds.add("residual network");
        for (int c : new int[] {1, 4, 7}) {
            chains.add(zeroSlack.chain(c));
            kinds.add("zero slack, bent");
        }
        double[] budgets = new double[chains.size()];
        Arrays.fill(budgets, Double.NaN);
        return new RigidityChains(chains, kinds, budgets);
    }

    /** A chain of {@code depth} factors R_1 diag(sigma) R_2ᵀ, each with fresh Haar frames. */
    public static List<DMatrixRMaj> randomFrames(double[] sigma, int depth, SplittableRandom rnd) {
        Require.positive("sigma", sigma);
        Require.atLeast("depth", depth, 1);
        Require.notNull("rnd", rnd);
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            f.add(RandomMatrices.withSingularValues(sigma, rnd));
        }
        return f;
    }

    /** One backtracking chain (see {@link #general}): a Haar frame, then per factor its diagonal in that frame. */
    static List<DMatrixRMaj> backtracking(int d, int depth, SplittableRandom rnd) {
        DMatrixRMaj q = RandomMatrices.haarOrthogonal(d, rnd);
        double[] diag = new double[d];
        Arrays.fill(diag, 1);
        List<DMatrixRMaj> f = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            double[] s = new double[d];
            Integer[] order = new Integer[d];
            for (int k = 0; k < d; k++) {
                order[k] = k;
            }
            final double[] cur = diag.clone();
            Arrays.sort(order, (i, j) -> Double.compare(cur[j], cur[i]));   // the chain's current ranking
            if (l % 4 == 3) {
                Arrays.fill(s, 1);
                s[order[0]] = 0.05 + 0.45 * rnd.nextDouble();
            } else {
                double[] p = Spectrum.powerLaw(d, 0.1 + 0.2 * rnd.nextDouble()).singularValues();
                for (int k = 0; k < d; k++) {
                    s[order[k]] = p[k];
                }
            }
            for (int k = 0; k < d; k++) {
                diag[k] *= s[k];
            }
            f.add(inFrame(q, s));
        }
        return f;
    }
}
