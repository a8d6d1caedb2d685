package cartan.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reuse rules of the per-thread native buffers, as the class comment states them. */
class NativeScratchTest {

    @AfterEach
    void clear() {
        NativeScratch.clear();
    }

    @Test
    void aSlotKeepsItsLargestBufferAndGrowsOnDemand() {
        Assumptions.assumeTrue(Lapack.enabled(), "native OpenBLAS not loaded");
        DoublePointer a = NativeScratch.get(0, 100);
        assertTrue(a.capacity() >= 100);
        assertSame(a, NativeScratch.get(0, 100), "same size: the kept buffer");
        assertSame(a, NativeScratch.get(0, 7), "smaller: the kept buffer");
        DoublePointer b = NativeScratch.get(1, 50);
        assertNotSame(a, b, "slots are separate");
        DoublePointer c = NativeScratch.get(0, 101);
        assertNotSame(a, c, "larger: a new buffer");
        assertTrue(c.capacity() >= 101);
        assertTrue(a.isNull(), "the outgrown buffer is freed");
        assertSame(c, NativeScratch.get(0, 60));
    }

    @Test
    void releaseFreesOnlyBuffersThatAreNotKept() {
        Assumptions.assumeTrue(Lapack.enabled(), "native OpenBLAS not loaded");
        DoublePointer kept = NativeScratch.get(0, 10);
        NativeScratch.release(kept);
        assertFalse(kept.isNull(), "a kept buffer survives release");
        assertSame(kept, NativeScratch.get(0, 10));
        DoublePointer own = new DoublePointer(10);
        NativeScratch.release(own);
        assertTrue(own.isNull(), "a buffer of its own is freed");
    }

    @Test
    void clearFreesTheKeptBuffersAndTheNextRequestGetsNewOnes() throws Exception {
        Assumptions.assumeTrue(Lapack.enabled(), "native OpenBLAS not loaded");
        DoublePointer a = NativeScratch.get(0, 10);
        DoublePointer b = NativeScratch.get(1, 10);
        NativeScratch.clear();
        assertTrue(a.isNull());
        assertTrue(b.isNull());
        DoublePointer c = NativeScratch.get(0, 10);
        assertFalse(c.isNull());
        assertNotSame(a, c);
        // another thread has its own buffers
        DoublePointer[] other = new DoublePointer[1];
        Thread t = new Thread(() -> other[0] = NativeScratch.get(0, 10));
        t.start();
        t.join();
        assertNotSame(c, other[0]);
    }
}
