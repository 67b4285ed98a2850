package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * Bounded memory for fuzz tests: the bytes a read allocates on the calling thread (HotSpot's per-thread allocation
 * counter: garbage included, other threads not), so a damaged header that makes a reader allocate what it claims
 * (a 4 GiB strip, a 2^40-voxel chunk) fails the test even where the heap would have had room for it.
 */
public final class Allocations {
    /** What a read of the fuzz tests' small files may allocate: far above a valid read, far below an absurd size. */
    public static final long FUZZ_BUDGET_BYTES = 64L << 20;

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A read that may throw. */
    @FunctionalInterface
    public interface Read {
        void run() throws IOException;
    }

    private Allocations() {}

    /**
     * Runs {@code read} on this thread and asserts it allocated at most {@code budget} bytes, whether it returned or
     * threw; rethrows what it threw.
     */
    public static void assertAllocatesAtMost(long budget, String what, Read read) throws IOException {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        try {
            read.run();
        } finally {
            long used = THREADS.getThreadAllocatedBytes(id) - before;
            assertTrue(used <= budget, () -> what + " allocated " + used + " bytes, over the budget of " + budget);
        }
    }
}
