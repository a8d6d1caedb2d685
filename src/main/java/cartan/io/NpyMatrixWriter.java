package cartan.io;

import cartan.Require;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a matrix as a NumPy {@code .npy} file (format version 1.0): little-endian float64
 * ({@code '<f8'}), C order, shape (rows, cols) — what {@code numpy.load} reads back bit for bit.
 */
public final class NpyMatrixWriter {

    private NpyMatrixWriter() {
    }

    /** Writes {@code m} to {@code out} (the stream is not closed). */
    public static void write(DMatrixRMaj m, OutputStream out) throws IOException {
        Require.notNull("m", m);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + m.numRows + ", " + m.numCols + "), }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        int n = m.getNumElements();
        ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putDouble(m.data[i]);
        }
        out.write(buf.array(), 0, buf.position());
    }
}
