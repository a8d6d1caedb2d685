import cartan.fit.GoodnessOfFit;
import cartan.fit.PowerLawBootstrap;
import cartan.fit.TailFitter;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Timing harness (no JMH) for the CSN bootstraps of cartan.fit on one data file, through the API that both
 * the old (sorted-array, N² refits) and the new (sorted draws on distinct values, pruned scan) versions
 * have, so bench/powerlaw.sh can run it against either build.
 *
 * Usage: java -cp CLASSES:DEPS bench/PowerLawBench.java FILE REPLICATES THREADS
 * Prints: label N alpha xmin D gof_seconds p alpha_bootstrap_seconds alpha_se
 */
public class PowerLawBench {

    public static void main(String[] args) throws Exception {
        double[] x = Files.readAllLines(Path.of(args[0])).stream().filter(s -> !s.isBlank())
                .mapToDouble(Double::parseDouble).toArray();
        int reps = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        TailFitter csn = TailFitter.csn(10);
        var fit = csn.fit(x);
        long t0 = System.nanoTime();
        GoodnessOfFit g = PowerLawBootstrap.goodnessOfFit(x, csn, reps, 1, threads);
        double gof = (System.nanoTime() - t0) / 1e9;
        // the α bootstrap is PowerLawBootstrap.alpha (old) or .uncertainty (new)
        Method m;
        try {
            m = PowerLawBootstrap.class.getMethod("uncertainty", double[].class, TailFitter.class, int.class, long.class, int.class);
        } catch (NoSuchMethodException e) {
            m = PowerLawBootstrap.class.getMethod("alpha", double[].class, TailFitter.class, int.class, long.class, int.class);
        }
        t0 = System.nanoTime();
        Object b = m.invoke(null, x, csn, reps, 2L, threads);
        double alphaTime = (System.nanoTime() - t0) / 1e9;
        Method se;
        try {
            se = b.getClass().getMethod("alphaError");
        } catch (NoSuchMethodException e) {
            se = b.getClass().getMethod("standardError");
        }
        System.out.printf("java %d %.6f %.6g %.6f %.2f %.3f %.2f %.5f%n", x.length, fit.alpha(), fit.xMin(),
                fit.ksDistance(), gof, g.pValue(), alphaTime, (double) se.invoke(b));
    }
}
