package org.scrollwork.workflows.fiji;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingService;
import org.scrollwork.workflows.app.TrainingSettings;

/**
 * Training from the plugin: {@link TrainingService} reporting every evaluation to a {@link Progress} task; with
 * {@link ImageJProgress}, Esc stops training at the next evaluation.
 */
public final class Training {
    private Training() {}

    /**
     * Trains (or resumes) a run on a corpus. Cancelling stops after the current evaluation; the run
     * directory keeps the snapshot of that step, so rerunning the command resumes.
     */
    public static TrainingRun.Metrics train(Corpus corpus, Path runDir, TrainingSettings s, Progress progress) {
        try (Progress.Task task = start(progress, s)) {
            return TrainingService.train(corpus, runDir, s, reporting(task));
        }
    }

    /**
     * Starts a new run from the weights of another run's snapshot ({@link TrainingService#finetune}), then trains it.
     */
    public static TrainingRun.Metrics finetune(Corpus corpus, Path baseRun, Path runDir, TrainingSettings s, Progress progress) {
        try (Progress.Task task = start(progress, s)) {
            return TrainingService.finetune(corpus, baseRun, runDir, s, reporting(task));
        }
    }

    private static Progress.Task start(Progress progress, TrainingSettings s) {
        Progress.Task task = progress.start("Training", s.steps());
        progress.log("Training: starting (" + s.steps() + " steps)");
        return task;
    }

    private static Consumer<TrainingRun.Metrics> reporting(Progress.Task task) {
        return e -> task.advance(e.step(), e.totalSteps(), String.format(": step %d/%d, %.3f bits/byte trained, held-out %s (Esc stops)", e.step(),
                e.totalSteps(), e.trainBits(), Double.isNaN(e.heldOutBits()) ? "n/a" : String.format("%.3f", e.heldOutBits())));
    }
}
