package org.scrollwork.prior;

/**
 * What the headers of the training checkpoints share ({@link CharLmCheckpoint.Header},
 * {@link CharTransformerCheckpoint.Header}): the run a checkpoint belongs to and how far it got. {@link CharTrainingLoop}
 * resumes from them and {@link RunCheckpoints} refuses a checkpoint of another run by them.
 */
interface CharCheckpointHeader {

    /** The model's shape (a record: equal for the same shape). */
    Object config();

    /** The training settings (a record: equal for the same settings). */
    Object training();

    /** {@link CharLmCheckpoint#fingerprint} of the training and validation texts. */
    String corpus();

    /** Steps done. */
    int step();

    /** The running training loss after {@link #step()} steps; null before the first. */
    Double trainBits();

    /** The best validation measurement so far; null when none. */
    Double bestValidationBits();

    /** Training seconds of all calls so far. */
    double seconds();

    /** Makes the header of one run's checkpoint: its config and training settings are the factory's. */
    @FunctionalInterface
    interface Factory<H extends CharCheckpointHeader> {
        H header(String corpus, int step, Double trainBits, Double bestValidationBits, double seconds);
    }
}
