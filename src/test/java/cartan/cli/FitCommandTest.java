package cartan.cli;

import cartan.fit.FitBootstrap;
import cartan.fit.LikelihoodRatioTest;
import cartan.fit.PowerLaw;
import cartan.fit.PowerLawBootstrap;
import cartan.fit.PowerLawData;
import cartan.fit.PowerLawFit;
import cartan.fit.TailFitter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cartan fit}: its numbers are those of the library calls it stands for; bad options exit 2 and bad
 * files exit 3 with one line on stderr; hostile files (binary, huge lines, random bytes) end in bounded time.
 */
class FitCommandTest {

    @TempDir
    Path tmp;

    static ProfileCommandTest.Run run(String... args) {
        return ProfileCommandTest.run(args);
    }

    static double[] sample() {
        double[] x = new PowerLaw(2.4, 1).sample(600, new SplittableRandom(12));
        for (int i = 0; i < 200; i++) {
            x[i] = 0.2 + 0.8 * x[i] / 50;     // a body below 1
        }
        return x;
    }

    Path csv(double[] x) throws IOException {
        StringBuilder b = new StringBuilder("# test data\nid,size\n");
        for (int i = 0; i < x.length; i++) {
            b.append(i).append(',').append(x[i]).append('\n');
        }
        b.append(x.length).append(",0\n").append(x.length + 1).append(",-2.5\n");   // dropped with a count
        return Files.writeString(tmp.resolve("data.csv"), b.toString());
    }

    @Test
    void jsonMatchesTheLibrary() throws IOException {
        double[] x = sample();
        Path f = csv(x);
        ProfileCommandTest.Run r = run("fit", f.toString(), "--column", "size", "--bootstrap", "20", "--gof", "10",
                "--compare", "--seed", "5", "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        PowerLawData d = PowerLawData.of(x);
        PowerLawFit fit = TailFitter.csn(10).fit(d);
        assertEquals(fit.alpha(), j.get("alpha").asDouble(), 0);
        assertEquals(fit.xMin(), j.get("x_min").asDouble(), 0);
        assertEquals(fit.tailSize(), j.get("n_tail").asInt());
        assertEquals(2, j.get("dropped_non_positive").asInt());
        assertEquals(x.length, j.get("n").asInt());
        FitBootstrap b = PowerLawBootstrap.uncertainty(d, TailFitter.csn(10), 20, 5, 2);
        assertEquals(b.alphaError(), j.get("bootstrap").get("alpha_se").asDouble(), 0);
        assertEquals(b.xMinError(), j.get("bootstrap").get("x_min_se").asDouble(), 0);
        assertEquals(PowerLawBootstrap.goodnessOfFit(d, TailFitter.csn(10), 10, 6, 1).pValue(),
                j.get("goodness_of_fit").get("p").asDouble(), 0);
        var lr = LikelihoodRatioTest.all(d, fit);
        for (int i = 0; i < lr.size(); i++) {
            assertEquals(lr.get(i).ratio(), j.get("likelihood_ratios").get(i).get("R").asDouble(), 0);
        }
    }

    @Test
    void discreteHistogramAndFixedXmin() throws IOException {
        Path f = Files.writeString(tmp.resolve("h.tsv"), "value\tcount\n1\t500\n2\t160\n3\t80\n4\t45\n5\t30\n6\t20\n"
                + "8\t12\n10\t8\n15\t4\n20\t2\n40\t1\n");
        ProfileCommandTest.Run r = run("fit", f.toString(), "--column", "value", "--counts", "count", "--discrete",
                "--xmin", "2", "--bootstrap", "0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        PowerLawData d = PowerLawData.ofCounts(new double[]{1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 40},
                new long[]{500, 160, 80, 45, 30, 20, 12, 8, 4, 2, 1});
        PowerLawFit fit = TailFitter.csnDiscrete(10).withXmin(2).fit(d);
        assertEquals("discrete power law", j.get("model").asText());
        assertEquals(fit.alpha(), j.get("alpha").asDouble(), 0);
        assertEquals(2, j.get("x_min").asDouble(), 0);
        assertEquals(862, j.get("n").asInt());
    }

    @Test
    void outWritesTheChartTheJsonAndTheCcdf() throws IOException {
        Path f = csv(sample());
        Path out = tmp.resolve("out");
        ProfileCommandTest.Run r = run("fit", f.toString(), "--column", "1", "--bootstrap", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("alpha"));
        byte[] png = Files.readAllBytes(out.resolve("ccdf.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String ccdf = Files.readString(out.resolve("ccdf.csv"));
        assertTrue(ccdf.startsWith("series,x,p\ndata,"));
        assertTrue(ccdf.contains("\nfit,"));
        assertTrue(Files.readString(out.resolve("fit.json")).contains("\"alpha\""));
    }

    @Test
    void badOptionsExit2() throws IOException {
        Path f = csv(sample());
        assertUsage(run("fit", f.toString(), "--bootstrap", "-1"), "--bootstrap");
        assertUsage(run("fit", f.toString(), "--min-tail", "1"), "--min-tail");
        assertUsage(run("fit", f.toString(), "--xmin", "-3"), "--xmin");
        assertUsage(run("fit", f.toString(), "--discrete", "--xmin", "2.5"), "--xmin");
        assertUsage(run("fit", f.toString(), "--out", f.toString()), "--out");
        assertUsage(run("fit", f.toString(), "--no-such-option"), "");
        assertUsage(run("fit"), "");
    }

    static void assertUsage(ProfileCommandTest.Run r, String mention) {
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(mention), r.err());
        assertTrue(r.err().strip().lines().count() <= 2, r.err());
    }

    @Test
    void badFilesExit3WithOneLine() throws IOException {
        assertInput(run("fit", tmp.resolve("missing.txt").toString()), "no such file");
        assertInput(run("fit", Files.writeString(tmp.resolve("w.txt"), "1\n2\nthree\n").toString()), "line 3");
        assertInput(run("fit", Files.writeString(tmp.resolve("n.txt"), "1\nNaN\n3\n").toString()), "finite");
        assertInput(run("fit", Files.writeString(tmp.resolve("i.txt"), "1\n-inf\n3\n").toString()), "finite");
        assertInput(run("fit", Files.writeString(tmp.resolve("h.txt"), "1\n0x10\n2\n").toString()), "not a number");
        assertInput(run("fit", Files.writeString(tmp.resolve("e.txt"), "# nothing\n\n").toString()), "no data");
        assertInput(run("fit", Files.writeString(tmp.resolve("z.txt"), "0\n-1\n0\n").toString()), "positive");
        assertInput(run("fit", Files.writeString(tmp.resolve("few.txt"), "1\n2\n3\n").toString()), "minTail");
        assertInput(run("fit", Files.writeString(tmp.resolve("c.csv"), "a,b\n1,2\n").toString(), "--column", "c"),
                "no field 'c'");
        assertInput(run("fit", csv(sample()).toString(), "--column", "size", "--discrete"), "integer");
        Path bin = tmp.resolve("bin.dat");
        Files.write(bin, new byte[]{'1', '\n', 0, 1, 2, 3, '\n'});
        assertInput(run("fit", bin.toString()), "NUL");
        Path longLine = tmp.resolve("long.txt");
        Files.writeString(longLine, "1,".repeat(70_000));
        assertInput(run("fit", longLine.toString()), "longer than");
    }

    static void assertInput(ProfileCommandTest.Run r, String mention) {
        assertEquals(ExitCode.INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("cartan fit: ") && r.err().contains(mention), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /**
     * A 200 MB file of one unbroken line is refused after reading 64 KiB (bounded memory, bounded time),
     * and a file of many short lines is read in one pass with memory for the values only.
     */
    @Test
    void hugeFilesAreBounded() throws IOException {
        Path big = tmp.resolve("big.txt");
        try (OutputStream o = Files.newOutputStream(big)) {
            byte[] chunk = "7".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                o.write(chunk);
            }
        }
        ProfileCommandTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> run("fit", big.toString()));
        assertEquals(ExitCode.INPUT, r.code(), r.err());
        Files.delete(big);
        Path many = tmp.resolve("many.txt");
        StringBuilder b = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 300_000; i++) {
            b.append(String.format(Locale.ROOT, "%.3f%n", Math.pow(1 - rnd.nextDouble(), -1 / 1.5)));
        }
        Files.writeString(many, b);
        ProfileCommandTest.Run ok = run("fit", many.toString(), "--bootstrap", "0");
        assertEquals(0, ok.code(), ok.err());
    }

    /** Random bytes, or a valid CSV with random bytes overwritten: exit 0 or 3, one line, a few seconds. */
    @Property(tries = 40)
    void randomAndCorruptedTextNeverCrash(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
                                          @ForAll @IntRange(min = 0, max = 1) int kind) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b;
        if (kind == 0) {
            b = new byte[r.nextInt(4000)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt(256);
            }
        } else {
            StringBuilder s = new StringBuilder("x,y\n");
            for (int i = 0; i < 300; i++) {
                s.append(Math.pow(1 - r.nextDouble(), -1 / 1.3)).append(',').append(i).append('\n');
            }
            b = s.toString().getBytes(StandardCharsets.US_ASCII);
            for (int k = 0; k < 1 + r.nextInt(5); k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
        }
        Path dir = Files.createTempDirectory("fit-fuzz");
        Path f = Files.write(dir.resolve("f.csv"), b);
        try {
            ProfileCommandTest.Run res = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> run("fit", f.toString(), "--bootstrap", "0", "--compare", "--threads", "1"));
            assertTrue(res.code() == ExitCode.OK || res.code() == ExitCode.INPUT, () -> "exit " + res.code() + ": " + res.err());
            assertFalse(res.err().contains("\tat ") || res.err().contains("Exception in"), res.err());
            if (res.code() != ExitCode.OK) {
                assertEquals(1, res.err().strip().lines().count(), res.err());
            }
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }
}
