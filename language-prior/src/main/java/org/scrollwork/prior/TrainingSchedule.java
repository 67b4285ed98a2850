package org.scrollwork.prior;

/**
 * When a training run of {@code steps} steps does what it does besides stepping, counted in steps done ({@code done},
 * 1 … steps): it measures the validation texts every {@code evaluateEvery} steps and after the last, writes a log line
 * every {@code logEvery} steps and after the last, and checkpoints every {@link CharLmCheckpointing#every()} steps and
 * after the last.
 *
 * @param steps steps in the run, >= 1
 * @param evaluateEvery steps between validation measurements, >= 1
 * @param logEvery steps between log lines, >= 1
 */
record TrainingSchedule(int steps, int evaluateEvery, int logEvery) {

    TrainingSchedule {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        if (evaluateEvery < 1) throw new IllegalArgumentException("evaluateEvery must be >= 1, was " + evaluateEvery);
        if (logEvery < 1) throw new IllegalArgumentException("logEvery must be >= 1, was " + logEvery);
    }

    /** Whether the validation texts are measured once {@code done} steps are done. */
    boolean evaluatesAfter(int done) { return due(done, evaluateEvery); }

    /** Whether a log line is written once {@code done} steps are done (one is also written after every measurement). */
    boolean logsAfter(int done) { return due(done, logEvery); }

    /** Whether the run is checkpointed once {@code done} steps are done, checkpointing every {@code every} steps. */
    boolean checkpointsAfter(int done, int every) { return due(done, every); }

    private boolean due(int done, int every) {
        return done % every == 0 || done == steps;
    }
}
