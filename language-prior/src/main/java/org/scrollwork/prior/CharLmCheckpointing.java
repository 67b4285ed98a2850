package org.scrollwork.prior;

import java.nio.file.Path;

/**
 * How a {@link CharLm} training run is checkpointed: every {@code every} steps and at its end the whole training state
 * goes to {@code file} ({@link CharLmCheckpoint}, written atomically); a run that finds that file resumes from it and
 * ends exactly as it would have without the interruption (the window draws, input noise and dropout of a step are
 * seeded by the step's number, and the optimizer's state is saved). A file from another run (other config, training
 * settings or corpus) is refused.
 *
 * @param file the checkpoint file
 * @param every steps between checkpoints, >= 1
 */
public record CharLmCheckpointing(Path file, int every) {
    public CharLmCheckpointing {
        if (file == null) throw new IllegalArgumentException("checkpoint file is required");
        if (every < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1 step, was " + every);
    }

    /** The checkpoint file conventionally kept next to a model file: {@code model} + {@code .ckpt}. */
    public static Path besides(Path model) {
        return model.resolveSibling(model.getFileName() + ".ckpt");
    }
}
