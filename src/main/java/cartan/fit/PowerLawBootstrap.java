package cartan.fit;

import cartan.Require;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Seeded, parallel bootstraps of a power-law fit. Replicate r draws from its own generator, the r-th
 * {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)} taken in order before any work
 * starts, and writes only its own slot, so results are bit-identical for a given seed whatever the
 * thread count.
 */
public final class PowerLawBootstrap {

    private PowerLawBootstrap() {
    }

    /**
     * The CSN goodness-of-fit p-value. Fit the data with {@code fitter} (n tail values of N, exponent α,
     * cut-off x_min, distance D). Each synthetic sample has N values: with probability n/N a draw from
     * the fitted power law, otherwise a value drawn uniformly from the N − n values below the tail.
     * It is refitted with the same rule, x_min included, and p is the fraction of synthetic distances
     * ≥ D.
     *
     * @param replicates number of synthetic samples (≥ 1)
     * @param threads    worker threads (≥ 1); does not change the result
     */
    public static GoodnessOfFit goodnessOfFit(double[] data, TailFitter fitter, int replicates, long seed,
                                              int threads) {
        cartan.Require.notNull("fitter", fitter);
        Require.atLeast("replicates", replicates, 1);
        Require.atLeast("threads", threads, 1);
        double[] sorted = fitter.prepare(data);
        PowerLawFit fit = fitter.fitPrepared(sorted);
        int big = sorted.length;
        int n = fit.tailSize();
        double[] body = Arrays.copyOf(sorted, big - n);
        PowerLaw law = fit.law();
        double pTail = (double) n / big;
        double[] d = run(replicates, seed, threads, (r, random) -> {
            double[] x = new double[big];
            for (int i = 0; i < big; i++) {
                x[i] = body.length == 0 || random.nextDouble() < pTail ? law.sample(random)
                        : body[random.nextInt(body.length)];
            }
            return fitter.fit(x).ksDistance();
        });
        int exceed = 0;
        for (double v : d) {
            if (v >= fit.ksDistance()) {
                exceed++;
            }
        }
        return new GoodnessOfFit((double) exceed / replicates, exceed, replicates, fit.ksDistance(), fit, seed);
    }

    /** The non-parametric bootstrap of α: resample the data with replacement, rerun the whole fit. */
    public static AlphaBootstrap alpha(double[] data, TailFitter fitter, int replicates, long seed, int threads) {
        cartan.Require.notNull("fitter", fitter);
        Require.atLeast("replicates", replicates, 2);
        Require.atLeast("threads", threads, 1);
        double[] sorted = fitter.prepare(data);
        PowerLawFit fit = fitter.fitPrepared(sorted);
        double[] a = run(replicates, seed, threads, (r, random) -> {
            double[] x = new double[sorted.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = sorted[random.nextInt(sorted.length)];
            }
            return fitter.fit(x).alpha();
        });
        return new AlphaBootstrap(fit, a, seed);
    }

    interface Replicate {
        double run(int r, SplittableRandom random);
    }

    static double[] run(int replicates, long seed, int threads, Replicate body) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[replicates];
        for (int r = 0; r < replicates; r++) {
            streams[r] = root.split();
        }
        double[] out = new double[replicates];
        IntToDoubleFunction f = r -> body.run(r, streams[r]);
        if (threads == 1) {
            for (int r = 0; r < replicates; r++) {
                out[r] = f.applyAsDouble(r);
            }
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, replicates).parallel().forEach(r -> out[r] = f.applyAsDouble(r)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bootstrap interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return out;
    }
}
