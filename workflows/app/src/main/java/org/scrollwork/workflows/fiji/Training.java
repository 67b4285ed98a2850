package org.scrollwork.workflows.fiji;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingService;
import org.scrollwork.workflows.app.TrainingSettings;

/** Training from the plugin: {@link TrainingService} with ImageJ progress, cancellable between evaluations. */
public final class Training {
    private Training() {}

    /**
     * Trains (or resumes) a run on a corpus. Cancelling stops after the current evaluation; the run
     * directory keeps the snapshot of that step, so rerunning the command resumes.
     */
    public static TrainingRun.Metrics train(Corpus corpus, Path runDir, TrainingSettings s, Progress progress) {
        progress.show("Training: starting (" + s.steps() + " steps)", 0, s.steps());
        TrainingRun.Metrics m = TrainingService.train(corpus, runDir, s, reporting(progress));
        progress.done();
        return m;
    }

    /**
     * Starts a new run from the weights of another run's snapshot ({@link TrainingService#finetune}), then trains it.
     */
    public static TrainingRun.Metrics finetune(Corpus corpus, Path baseRun, Path runDir, TrainingSettings s, Progress progress) {
        progress.show("Training: starting (" + s.steps() + " steps)", 0, s.steps());
        TrainingRun.Metrics m = TrainingService.finetune(corpus, baseRun, runDir, s, reporting(progress));
        progress.done();
        return m;
    }

    private static Consumer<TrainingRun.Metrics> reporting(Progress progress) {
        return e -> {
            progress.show(String.format("Training: step %d/%d, %.3f bits/byte trained, held-out %s (Esc stops)", e.step(), e.totalSteps(),
                    e.trainBits(), Double.isNaN(e.heldOutBits()) ? "n/a" : String.format("%.3f", e.heldOutBits())), e.step(), e.totalSteps());
            progress.check();
        };
    }
}
