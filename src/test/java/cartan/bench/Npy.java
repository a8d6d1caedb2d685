package cartan.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader for numpy's .npy format: little-endian float64, C order, any number of dimensions. */
record Npy(int[] shape, double[] data) {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not an .npy file");
        }
        int major = b.get();
        b.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] h = new byte[headerLength];
        b.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
            throw new IOException(file + ": need little-endian float64 in C order, header " + header.trim());
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in header " + header.trim());
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] data = new double[Math.toIntExact(n)];
        b.asDoubleBuffer().get(data);
        return new Npy(shape, data);
    }
}
