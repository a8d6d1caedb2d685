package cartan.io;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);   // big-endian, as IDX
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(type);
        d.writeByte(dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(payload);
        return b.toByteArray();
    }

    @Test
    void readsUint8ImagesAndLabels() throws IOException {
        byte[] pixels = new byte[2 * 3 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 20);   // 0, 20, ..., 220 (> 127 checks unsigned decoding)
        }
        Path f = dir.resolve("imgs-idx3-ubyte");
        Files.write(f, idx(0x08, new int[]{2, 3, 2}, pixels));
        IdxArray a = IdxReader.read(f);
        assertArrayEquals(new int[]{2, 3, 2}, a.shape());
        assertEquals(2, a.items());
        assertEquals(6, a.itemSize());
        DMatrixRMaj m = a.rows(1, 1, 0.5);
        assertEquals(1, m.numRows);
        assertEquals(6, m.numCols);
        assertEquals(120 * 0.5, m.get(0, 0), 0);
        assertEquals(220 * 0.5, m.get(0, 5), 0);

        Path l = dir.resolve("labels-idx1-ubyte.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(l))) {
            o.write(idx(0x08, new int[]{4}, new byte[]{7, 2, 1, 0}));
        }
        assertArrayEquals(new int[]{2, 1}, IdxReader.read(l).labels(1, 2));
    }

    @Test
    void readsSignedAndFloatTypes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeShort(-3);
        d.writeShort(1000);
        Path s = dir.resolve("short.idx");
        Files.write(s, idx(0x0B, new int[]{2}, b.toByteArray()));
        assertEquals(-3, IdxReader.read(s).get(0), 0);
        assertEquals(1000, IdxReader.read(s).get(1), 0);
        b.reset();
        d.writeFloat(1.5f);
        d.writeFloat(-2.25f);
        Path fl = dir.resolve("float.idx");
        Files.write(fl, idx(0x0D, new int[]{1, 2}, b.toByteArray()));
        assertEquals(-2.25, IdxReader.read(fl).get(1), 0);
        b.reset();
        d.writeDouble(Math.PI);
        Path db = dir.resolve("double.idx");
        Files.write(db, idx(0x0E, new int[]{1}, b.toByteArray()));
        assertEquals(Math.PI, IdxReader.read(db).get(0), 0);
    }

    @Test
    void rejectsCorruptTruncatedAndUnknownFiles() throws IOException {
        Path trunc = dir.resolve("t");
        byte[] full = idx(0x08, new int[]{2, 2}, new byte[]{1, 2, 3, 4});
        Files.write(trunc, Arrays.copyOf(full, full.length - 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(trunc)).getMessage().contains("truncated"));
        Path trailing = dir.resolve("x");
        Files.write(trailing, Arrays.copyOf(full, full.length + 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(trailing)).getMessage().contains("trailing"));
        Path magic = dir.resolve("m");
        byte[] bad = full.clone();
        bad[0] = 0x1f;
        Files.write(magic, bad);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(magic)).getMessage().startsWith("file"));
        Path type = dir.resolve("ty");
        Files.write(type, idx(0x0A, new int[]{1}, new byte[]{1}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(type)).getMessage().contains("unknown IDX element type"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeFloat(Float.NaN);
        Path nan = dir.resolve("nan");
        Files.write(nan, idx(0x0D, new int[]{1}, b.toByteArray()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(nan)).getMessage().contains("non-finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(dir.resolve("missing"))).getMessage().startsWith("file"));
        Path ok = dir.resolve("ok");
        Files.write(ok, full);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(ok).rows(1, 5, 1)).getMessage().startsWith("start"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxReader.read(ok).labels(0, 1)).getMessage().startsWith("labels"));
    }
}
