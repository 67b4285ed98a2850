package org.scrollwork.prior;

import java.util.function.Supplier;

/**
 * What a training run carries from step to step and through its checkpoints: the step it started at, the running
 * training loss (an exponential mean: {@value #KEEP} of it kept per step, {@value #TAKE} of the step's loss taken in), the best validation measurement with its
 * parameters, and the training seconds of the calls before this one.
 */
final class TrainingState {

    /** The shares of the running training loss and of a step's own loss in the running loss after the step. */
    static final double KEEP = 0.98, TAKE = 0.02;

    private final int start;
    private final double secondsBefore;
    private double runningBits;
    private double bestBits;
    private byte[] bestParameters;

    private TrainingState(int start, double runningBits, double bestBits, byte[] bestParameters, double secondsBefore) {
        this.start = start;
        this.runningBits = runningBits;
        this.bestBits = bestBits;
        this.bestParameters = bestParameters;
        this.secondsBefore = secondsBefore;
    }

    /** A run at its beginning: no loss yet, no measurement. */
    static TrainingState fresh() {
        return new TrainingState(0, Double.NaN, Double.MAX_VALUE, null, 0);
    }

    /** A run resumed from a checkpoint with {@code header} and best parameters {@code bestParameters}. */
    static TrainingState resumed(CharCheckpointHeader header, byte[] bestParameters) {
        double running = header.trainBits() == null ? Double.NaN : header.trainBits();
        return header.bestValidationBits() == null
                ? new TrainingState(header.step(), running, Double.MAX_VALUE, null, header.seconds())
                : new TrainingState(header.step(), running, header.bestValidationBits(), bestParameters, header.seconds());
    }

    /** Steps done before this call: the first step (0-based) it does. */
    int start() { return start; }

    /** Takes a step's training loss into the running mean (the first loss starts it). */
    void trained(float bits) {
        runningBits = Double.isNaN(runningBits) ? bits : KEEP * runningBits + TAKE * bits;
    }

    /**
     * Takes a validation measurement; if it is the best so far, keeps it and the parameters {@code parameters} gives.
     *
     * @return whether it is the best so far
     */
    boolean measured(double bits, Supplier<byte[]> parameters) {
        if (!(bits < bestBits)) return false;
        bestBits = bits;
        bestParameters = parameters.get();
        return true;
    }

    /** The running training loss; NaN before the first. */
    double runningBits() { return runningBits; }

    /** The best validation measurement, or null when none. */
    Double bestValidationBits() { return bestParameters == null ? null : bestBits; }

    /** The parameters of the best validation measurement, or null when none. */
    byte[] bestParameters() { return bestParameters; }

    /** Training seconds of all calls, this one having run {@code secondsNow}. */
    double seconds(double secondsNow) { return secondsBefore + secondsNow; }
}
