package org.scrollwork.scaleout;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One training at a time per JVM. DJL allows a single {@code GradientCollector} per JVM at a time (a static
 * flag in {@code PtGradientCollector}: a second one fails with "A PtGradientCollector is already collecting"),
 * so two Spark tasks that train in the same executor JVM (tasks are threads: {@code local[N]}, or an executor
 * with several cores) must take turns. Training tasks run their training inside {@link #call}; inference
 * (rendering, evaluation) needs no slot. For parallel training give each executor one task at a time
 * ({@code spark.task.cpus} = {@code spark.executor.cores}) and use several executor JVMs
 * ({@code local-cluster[N,1,MB]} on one machine, or a real cluster).
 */
public final class TrainingSlot {
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private TrainingSlot() {}

    /** Runs {@code work} holding this JVM's training slot (waiting for it while another task trains). */
    public static <T> T call(Callable<T> work) throws Exception {
        LOCK.lockInterruptibly();
        try {
            return work.call();
        } finally {
            LOCK.unlock();
        }
    }
}
