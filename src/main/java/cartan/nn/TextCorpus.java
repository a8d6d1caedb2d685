package cartan.nn;

import cartan.Require;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A UTF-8 text as a sequence of character ids: the vocabulary is every distinct code point of the
 * text, sorted, and id i stands for {@code vocabulary()[i]}.
 *
 * @param codePoints the vocabulary, ascending
 * @param ids        the text, one id per code point
 */
public record TextCorpus(int[] codePoints, int[] ids) {

    /** Files larger than this are refused before anything is read (the Moby-Dick text is 1.2 MB). */
    public static final long MAX_BYTES = 64L << 20;

    public TextCorpus {
        Require.notNull("codePoints", codePoints);
        Require.notNull("ids", ids);
        for (int id : ids) {
            if (id < 0 || id >= codePoints.length) {
                throw new IllegalArgumentException("ids: " + id + " is outside the vocabulary of " + codePoints.length);
            }
        }
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @throws IllegalArgumentException if the file is missing, larger than {@link #MAX_BYTES}, not valid
     *                                  UTF-8, or has fewer than two distinct characters
     * @throws IOException              if it cannot be read
     */
    public static TextCorpus read(Path file) throws IOException {
        Require.notNull("file", file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file: " + file + " does not exist or is not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("file: " + file + " has " + size + " bytes, more than the limit " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file: " + file + " is not valid UTF-8: " + e.getMessage(), e);
        }
        return of(text);
    }

    /** The corpus of a string. */
    public static TextCorpus of(String text) {
        Require.notNull("text", text);
        TreeSet<Integer> set = new TreeSet<>();
        text.codePoints().forEach(set::add);
        if (set.size() < 2) {
            throw new IllegalArgumentException("text: needs at least 2 distinct characters, got " + set.size());
        }
        int[] vocab = set.stream().mapToInt(Integer::intValue).toArray();
        int[] ids = text.codePoints().map(c -> Arrays.binarySearch(vocab, c)).toArray();
        return new TextCorpus(vocab, ids);
    }

    public int vocabularySize() {
        return codePoints.length;
    }

    public int length() {
        return ids.length;
    }

    /** The text of ids [from, to). */
    public String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.appendCodePoint(codePoints[ids[i]]);
        }
        return sb.toString();
    }

    /** Ids [from, to) as a new corpus with the same vocabulary (e.g. a train or test split). */
    public TextCorpus slice(int from, int to) {
        if (from < 0 || to > ids.length || to - from < 2) {
            throw new IllegalArgumentException("from: [" + from + ", " + to + ") is not a slice of the " + ids.length + " ids");
        }
        return new TextCorpus(codePoints, Arrays.copyOfRange(ids, from, to));
    }
}
