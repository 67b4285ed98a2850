package org.scrollwork.prior;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One training run's checkpoint file ({@link CharLmCheckpointing}) in the layout of its model's kind: read when the run
 * resumes (a checkpoint of another run refused), written as the run goes.
 *
 * @param <H> the kind's checkpoint header
 */
final class RunCheckpoints<H extends CharCheckpointHeader> {

    private final CharLmCheckpointing checkpointing;
    private final CheckpointLayout<H> layout;
    private final CharCheckpointHeader.Factory<H> headers;
    private final String corpus;

    /**
     * @param headers makes this run's headers
     * @param corpus {@link CharLmCheckpoint#fingerprint} of the run's training and validation texts
     */
    RunCheckpoints(CharLmCheckpointing checkpointing, CheckpointLayout<H> layout, CharCheckpointHeader.Factory<H> headers, String corpus) {
        this.checkpointing = checkpointing;
        this.layout = layout;
        this.headers = headers;
        this.corpus = corpus;
    }

    Path file() { return checkpointing.file(); }

    /** Steps between checkpoints. */
    int every() { return checkpointing.every(); }

    /**
     * The checkpoint to resume from, if the file exists; {@code names} are the model's parameters in model order,
     * {@code steps} the run's steps.
     *
     * @throws ModelFileException naming the file if it is unreadable or belongs to another run
     */
    Optional<CheckpointLayout.Contents<H>> resume(List<String> names, int steps) {
        if (!Files.exists(file())) return Optional.empty();
        CheckpointLayout.Contents<H> c = layout.read(file(), names);
        refuseAnotherRun(c.header(), steps);
        return Optional.of(c);
    }

    /**
     * Writes the checkpoint after {@code step} steps: the running loss and best measurement of {@code state},
     * {@code seconds} of training, the parameters and the optimizer's state.
     *
     * @throws ModelFileException naming the file
     */
    void write(int step, TrainingState state, double seconds, byte[] parameters, CharLmAdam.State optimizer) {
        H h = headers.header(corpus, step, state.runningBits(), state.bestValidationBits(), seconds);
        byte[] best = state.bestParameters() == null ? new byte[0] : state.bestParameters();
        layout.write(file(), new CheckpointLayout.Contents<>(h, parameters, optimizer, best));
    }

    private void refuseAnotherRun(H saved, int steps) {
        H run = headers.header(corpus, 0, null, null, 0);
        String what = !saved.config().equals(run.config()) ? "model " + saved.config() + ", this run " + run.config()
                : !saved.training().equals(run.training()) ? "training " + saved.training() + ", this run " + run.training()
                : !saved.corpus().equals(corpus) ? "another corpus (training and validation texts differ)"
                : saved.step() > steps ? "step " + saved.step() + " beyond this run's " + steps : null;
        if (what != null) throw new ModelFileException(file(), "checkpoint of another run: " + what + "; delete it to start afresh");
    }
}
