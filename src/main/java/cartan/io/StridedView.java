package cartan.io;

import java.io.IOException;
import java.util.Arrays;

/**
 * A PyTorch tensor as a strided view of its storage: element (i₀, …, i_{r−1}) is storage element
 * {@code offset + Σ iₖ·strideₖ}. {@link #check} verifies at open time that every element the view touches
 * lies in the storage (and that the view has no more elements than the storage, so a stride-0 expansion
 * cannot multiply what a load allocates); {@link #gather} reads a row-major copy out of the decoded span.
 */
final class StridedView {

    private StridedView() {
    }

    /** Checks the view lies in its storage; returns its element count. */
    static long check(TorchUnpickler.Tensor t, String what) throws IOException {
        long count = Elements.count(t.size(), what);
        if (t.offset() < 0) {
            throw new MalformedWeightsException(what + ": negative storage offset " + t.offset());
        }
        for (long st : t.stride()) {
            if (st < 0) {
                throw new MalformedWeightsException(what + ": negative stride in " + Arrays.toString(t.stride()));
            }
        }
        if (count == 0) {
            return 0;
        }
        long last = t.offset();
        try {
            for (int k = 0; k < t.size().length; k++) {
                last = Math.addExact(last, Math.multiplyExact(t.size()[k] - 1, t.stride()[k]));
            }
        } catch (ArithmeticException e) {
            throw new MalformedWeightsException(what + ": view index overflows");
        }
        long numel = t.storage().numel();
        if (last >= numel) {
            throw new MalformedWeightsException(what + ": view " + Arrays.toString(t.size()) + " stride "
                    + Arrays.toString(t.stride()) + " at offset " + t.offset() + " reaches element " + last
                    + " of a storage of " + numel);
        }
        if (count > numel) {
            throw new UnsupportedWeightsException(what + ": an expanded view of " + count + " elements over a storage of "
                    + numel + " (stride 0) is not supported");
        }
        return count;
    }

    /** Whether the strides are the row-major ones of the size (dimensions of size 1 aside). */
    static boolean contiguous(TorchUnpickler.Tensor v) {
        long expect = 1;
        for (int k = v.size().length - 1; k >= 0; k--) {
            if (v.size()[k] != 1 && v.stride()[k] != expect) {
                return false;
            }
            expect *= v.size()[k];
        }
        return true;
    }

    /** out[i] = raw[Σ iₖ·strideₖ] over the row-major multi-index (i₀,…) of the view. */
    static double[] gather(double[] raw, TorchUnpickler.Tensor v, int n) {
        long[] size = v.size();
        long[] stride = v.stride();
        int r = size.length;
        long[] idx = new long[r];
        double[] out = new double[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            out[i] = raw[(int) at];
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                at += stride[k];
                if (idx[k] < size[k]) {
                    break;
                }
                at -= stride[k] * size[k];
                idx[k] = 0;
            }
        }
        return out;
    }
}
