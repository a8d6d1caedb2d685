package cartan.linalg;

import org.bytedeco.javacpp.DoublePointer;

/**
 * Per-thread native buffers that the Gram eigenvalue path reuses from one matrix to the next: a panel of W (or
 * all of W, for the Ritz refinement) and its Gram matrix. A fresh native buffer costs its page faults on first
 * touch — on our VMs about 4 ms per MB without huge pages, 0.4 s for a 94 MB copy of MiniLM's embedding table
 * and about 1.3 s for one 4096 × 11008 layer (measured in {@code bench/llm.sh}'s set-up) — while a buffer
 * already touched costs only the copy.
 *
 * <p>Slot {@code i} of the calling thread holds the largest buffer asked of it so far, up to
 * {@link #MAX_KEPT} doubles; a larger request gets a buffer of its own, freed by {@link #release}. A kept buffer
 * lives as long as its thread (pool threads of a profile end with it), and {@link #clear} frees the calling
 * thread's buffers at once. The contents of a buffer handed out are unspecified: callers overwrite what they
 * read.
 */
final class NativeScratch {

    /** Buffers up to 64 Mi doubles (512 MB, a 4096 × 16384 matrix) are kept for reuse. */
    static final long MAX_KEPT = 64L << 20;

    private static final int SLOTS = 2;
    private static final ThreadLocal<DoublePointer[]> KEPT = ThreadLocal.withInitial(() -> new DoublePointer[SLOTS]);

    private NativeScratch() {
    }

    /** A buffer of at least {@code n} doubles for slot {@code slot} (0 or 1) of the calling thread. */
    static DoublePointer get(int slot, long n) {
        if (n > MAX_KEPT) {
            return new DoublePointer(n);
        }
        DoublePointer[] kept = KEPT.get();
        DoublePointer p = kept[slot];
        if (p == null || p.capacity() < n) {
            if (p != null) {
                p.close();
            }
            p = new DoublePointer(Math.max(n, 1));
            kept[slot] = p;
        }
        return p;
    }

    /** Frees {@code p} now unless it is one of the calling thread's kept buffers. */
    static void release(DoublePointer p) {
        DoublePointer[] kept = KEPT.get();
        for (DoublePointer k : kept) {
            if (k == p) {
                return;
            }
        }
        p.close();
    }

    /** Frees the calling thread's kept buffers. */
    static void clear() {
        DoublePointer[] kept = KEPT.get();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != null) {
                kept[i].close();
                kept[i] = null;
            }
        }
    }
}
