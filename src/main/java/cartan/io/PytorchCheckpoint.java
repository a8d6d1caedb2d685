package cartan.io;

import cartan.Require;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a PyTorch checkpoint in the zip format {@code torch.save} has written since 1.6
 * ({@code pytorch_model.bin}, {@code .pt}, {@code .pth}): a zip whose entries share one top folder
 * {@code <archive>/}: {@code data.pkl} (the pickled object, tensors as persistent ids naming storages),
 * {@code data/<key>} (each storage's raw elements, stored uncompressed), {@code version} and, since
 * PyTorch 2.1, {@code byteorder} ({@code little} when absent). The pickle is read by
 * {@link TorchUnpickler}, which allows only the globals a state dict needs — arbitrary pickle globals are
 * never executed (Java could not) and never even named into objects: they are refused by name. The legacy
 * non-zip format (a raw pickle stream) is refused with a message saying so.
 *
 * <p>Tensors are strided views {@code (storage, offset, size, stride)}: element (i₀,…) is storage element
 * {@code offset + Σ iₖ·strideₖ}, so transposes, slices and tensors sharing a storage come out as PyTorch
 * shows them. Every tensor found in the pickled object — a state dict, or dicts and lists nesting one
 * ({@code {"model": state_dict, "epoch": 3}} gives names {@code model.layer.weight}) — becomes a source;
 * float32, float64, float16 and bfloat16 are read, integer and bool tensors skipped, other storage types
 * refused by name.
 *
 * <p>Hostile files: the pickle's size is checked against the file (a deflated {@code data.pkl} may not
 * inflate beyond the file's own size), its opcodes by {@link PickleScan} before unpickling; every storage
 * entry must exist, be stored uncompressed and hold exactly {@code numel × element size} bytes, and every
 * view must stay inside its storage with no more elements than the storage has — all checked by
 * {@link #open}, which reads only the zip directory and the pickle. A tensor's bytes are read on
 * {@code load()}, streamed from its zip entry: only the span of the storage the view touches is decoded.
 */
public final class PytorchCheckpoint {

    /** The first bytes of a pickle stream of protocol 2 or more: the legacy (pre-1.6) format starts so. */
    private static final int PICKLE_PROTO = 0x80;
    private static final int MAX_NESTING = 16;
    private static final int CHUNK = 1 << 20;

    private PytorchCheckpoint() {
    }

    /** A tensor located in the archive, checked, not yet read. */
    private record Located(String name, String entry, ByteOrder order, TorchUnpickler.Tensor tensor, int[] shape) {
    }

    /** The float tensors of a checkpoint as lazy sources, in the pickle's order. */
    public static List<MatrixSource> open(Path file, ReadOptions options) throws IOException {
        Require.notNull("file", file);
        Require.notNull("options", options);
        List<MatrixSource> out = new ArrayList<>();
        ConvLayout layout = options.convLayout();
        for (Located t : locate(file)) {
            LayerKind kind = NameKinds.kind(t.name(), t.shape().length);
            out.addAll(LazyMatrix.of(t.name(), t.name(), kind, layout, t.shape(),
                    () -> new WeightTensor(t.name(), t.name(), kind, layout, t.shape(), load(file, t)),
                    options.convMode()));
        }
        return out;
    }

    /** The float tensors of a checkpoint, read now. */
    public static List<WeightTensor> readTensors(Path file, ConvLayout convLayout) throws IOException {
        Require.notNull("file", file);
        Require.notNull("convLayout", convLayout);
        List<WeightTensor> out = new ArrayList<>();
        List<Located> located = locate(file);
        // one open zip for all tensors (each load would otherwise re-read the zip directory)
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Located t : located) {
                out.add(new WeightTensor(t.name(), t.name(), NameKinds.kind(t.name(), t.shape().length), convLayout,
                        t.shape(), load(zip, file, t)));
            }
        } catch (ZipException z) {
            throw new MalformedWeightsException(file + ": " + z.getMessage(), z);
        }
        return out;
    }

    private static List<Located> locate(Path file) throws IOException {
        String src = file.toString();
        long fileSize = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            int b = in.read();
            if (b == PICKLE_PROTO) {
                throw new UnsupportedWeightsException(src + ": a legacy (non-zip) PyTorch checkpoint; re-save it with "
                        + "torch.save (PyTorch >= 1.6 writes the zip format) or convert it to safetensors");
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, src);
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            byte[] pickle = readSmall(zip, pkl, fileSize, src);
            ByteOrder order = byteOrder(zip, prefix, src);
            Object root = new TorchUnpickler(src + "!" + pkl.getName()).read(pickle);
            Map<String, TorchUnpickler.Tensor> tensors = new LinkedHashMap<>();
            collect(root, "", tensors, Collections.newSetFromMap(new IdentityHashMap<>()), 0,
                    file.getFileName().toString().replaceFirst("\\.[^.]*$", ""), src);
            List<Located> out = new ArrayList<>();
            for (Map.Entry<String, TorchUnpickler.Tensor> e : tensors.entrySet()) {
                TorchUnpickler.Tensor t = e.getValue();
                String what = src + ": tensor '" + e.getKey() + "'";
                String entry = prefix + "data/" + t.storage().key();
                checkStorage(zip.getEntry(entry), t.storage(), entry, what);
                long count = StridedView.check(t, what);
                if (!t.storage().dtype().floating) {
                    continue;
                }
                int[] shape = Elements.shape(t.size(), count, what);
                out.add(new Located(e.getKey(), entry, order, t, shape));
            }
            return out;
        } catch (MalformedWeightsException | UnsupportedWeightsException | FileSystemException | FileNotFoundException e) {
            throw e;
        } catch (IOException z) {
            // ZipException (no zip directory, bad entry), EOFException (truncated inflate), …
            throw new MalformedWeightsException(src + ": not a valid PyTorch zip checkpoint: " + z.getMessage(), z);
        }
    }

    /** The folder all entries share ({@code archive/}), holding data.pkl. */
    private static String archivePrefix(ZipFile zip, String src) throws IOException {
        String prefix = null;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            String n = en.nextElement().getName();
            int slash = n.indexOf('/');
            if (slash >= 0 && n.substring(slash + 1).equals("data.pkl")) {
                if (prefix != null) {
                    throw new MalformedWeightsException(src + ": more than one data.pkl in the archive");
                }
                prefix = n.substring(0, slash + 1);
            }
        }
        if (prefix == null) {
            throw new MalformedWeightsException(src + ": a zip without <archive>/data.pkl, so not a PyTorch checkpoint");
        }
        return prefix;
    }

    /** An entry read whole, its size bounded by the file's size (so a deflate bomb stops there). */
    private static byte[] readSmall(ZipFile zip, ZipEntry e, long fileSize, String src) throws IOException {
        String what = src + "!" + e.getName();
        if (e.getSize() > fileSize || e.getSize() > Elements.MAX_ELEMENTS) {
            throw new MalformedWeightsException(what + ": " + e.getSize() + " bytes claimed, more than the file's "
                    + fileSize);
        }
        long limit = Math.min(fileSize, Elements.MAX_ELEMENTS);
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(e)) {
            for (int r = in.read(chunk); r >= 0; r = in.read(chunk)) {
                if (acc.size() + r > limit) {
                    throw new UnsupportedWeightsException(what + " inflates beyond the file's own " + fileSize
                            + " bytes; torch.save stores it uncompressed");
                }
                acc.write(chunk, 0, r);
            }
        }
        return acc.toByteArray();
    }

    private static ByteOrder byteOrder(ZipFile zip, String prefix, String src) throws IOException {
        ZipEntry e = zip.getEntry(prefix + "byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        byte[] b;
        try (InputStream in = zip.getInputStream(e)) {
            b = in.readNBytes(16);
        }
        String s = new String(b, StandardCharsets.US_ASCII).strip();
        return switch (s) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new MalformedWeightsException(src + ": byteorder record '" + s + "' is neither little nor big");
        };
    }

    /** Tensors in a state dict, or in dicts, lists and tuples nesting one, under dotted names. */
    private static void collect(Object o, String name, Map<String, TorchUnpickler.Tensor> out, Set<Object> seen,
                                int depth, String fileStem, String src) throws MalformedWeightsException {
        if (o instanceof TorchUnpickler.Tensor t) {
            String n = name.isEmpty() ? fileStem : name;
            String unique = n;
            for (int k = 2; out.containsKey(unique); k++) {
                unique = n + "#" + k;
            }
            out.put(unique, t);
            return;
        }
        boolean container = o instanceof Map<?, ?> || o instanceof List<?> || o instanceof Object[];
        if (!container || !seen.add(o)) {
            return;
        }
        if (depth >= MAX_NESTING) {
            throw new MalformedWeightsException(src + ": tensors nested deeper than " + MAX_NESTING + " containers");
        }
        String p = name.isEmpty() ? "" : name + ".";
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                collect(e.getValue(), p + e.getKey(), out, seen, depth + 1, fileStem, src);
            }
        } else {
            List<?> l = o instanceof List<?> list ? list : Arrays.asList((Object[]) o);
            for (int i = 0; i < l.size(); i++) {
                collect(l.get(i), p + i, out, seen, depth + 1, fileStem, src);
            }
        }
    }

    private static void checkStorage(ZipEntry e, TorchUnpickler.Storage s, String entry, String what) throws IOException {
        if (e == null) {
            throw new MalformedWeightsException(what + ": storage entry '" + entry + "' is missing");
        }
        if (e.getMethod() != ZipEntry.STORED) {
            throw new UnsupportedWeightsException(what + ": storage entry '" + entry + "' is compressed; torch.save "
                    + "stores storages uncompressed");
        }
        long need = Elements.bytes(s.numel(), s.dtype().size, what);
        if (e.getSize() != need || e.getCompressedSize() != need) {
            throw new MalformedWeightsException(what + ": storage '" + s.key() + "' of " + s.numel() + " " + s.dtype()
                    + " needs " + need + " bytes, its entry has " + e.getSize());
        }
    }

    /**
     * A tensor's values in row-major order: the storage span [first, last] element the view touches is
     * streamed from the zip entry and decoded, then gathered by the strides.
     */
    private static double[] load(Path file, Located t) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return load(zip, file, t);
        } catch (ZipException z) {
            throw new MalformedWeightsException(file + ": tensor '" + t.name() + "': " + z.getMessage(), z);
        }
    }

    private static double[] load(ZipFile zip, Path file, Located t) throws IOException {
        TorchUnpickler.Tensor v = t.tensor();
        TorchUnpickler.Dtype dt = v.storage().dtype();
        int n = (int) Elements.count(v.size(), t.name());
        if (n == 0) {
            return new double[0];
        }
        long last = v.offset();
        for (int k = 0; k < v.size().length; k++) {
            last += (v.size()[k] - 1) * v.stride()[k];
        }
        long span = last - v.offset() + 1;
        if (span > Elements.MAX_ELEMENTS) {
            throw new UnsupportedWeightsException(file + ": tensor '" + t.name() + "' spans " + span
                    + " storage elements, beyond the Java array limit");
        }
        double[] raw = new double[(int) span];
        String what = file + ": tensor '" + t.name() + "'";
        ZipEntry e = zip.getEntry(t.entry());
        if (e == null || e.getMethod() != ZipEntry.STORED
                || e.getSize() != Elements.bytes(v.storage().numel(), dt.size, what)) {
            throw new MalformedWeightsException(what + ": entry '" + t.entry() + "' changed since the file was opened");
        }
        try (InputStream in = zip.getInputStream(e)) {
            skipFully(in, v.offset() * dt.size, what);
            decode(in, dt, t.order(), raw, what);
        } catch (MalformedWeightsException | UnsupportedWeightsException m) {
            throw m;
        } catch (IOException z) {
            // ZipException, EOFException: a storage entry whose local header or bytes do not check out
            throw new MalformedWeightsException(what + ": " + z, z);
        }
        if (span == n && StridedView.contiguous(v)) {
            return raw;
        }
        return StridedView.gather(raw, v, n);
    }

    private static void skipFully(InputStream in, long n, String what) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new MalformedWeightsException(what + ": storage entry ends early");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static void decode(InputStream in, TorchUnpickler.Dtype dt, ByteOrder order, double[] out, String what)
            throws IOException {
        Elements.Stored stored = switch (dt) {
            case F32 -> Elements.Stored.F32;
            case F64 -> Elements.Stored.F64;
            case F16 -> Elements.Stored.F16;
            case BF16 -> Elements.Stored.BF16;
            default -> throw new IllegalStateException("dtype " + dt + " is not read");
        };
        byte[] chunk = new byte[(int) Math.min(CHUNK / dt.size * dt.size, (long) out.length * dt.size)];
        ByteBuffer b = ByteBuffer.wrap(chunk).order(order);
        int i = 0;
        while (i < out.length) {
            int want = (int) Math.min(chunk.length, (long) (out.length - i) * dt.size);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new MalformedWeightsException(what + ": storage entry ends early");
            }
            b.clear();
            int m = want / dt.size;
            Elements.widen(b, stored, out, i, m);
            i += m;
        }
    }

    /** Whether the first bytes look like a PyTorch file: a zip, or the pickle that starts the legacy format. */
    static boolean looksLike(byte[] head) {
        return head.length >= 2 && (head[0] == 'P' && head[1] == 'K' || (head[0] & 0xff) == PICKLE_PROTO && head[1] <= 5);
    }
}
