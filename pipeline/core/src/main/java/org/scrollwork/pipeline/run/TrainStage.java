package org.scrollwork.pipeline.run;

import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;

/** Train: an AUNN on the corpus in {@code train/} ({@link TrainingRun}); an interrupted training resumes from its last snapshot. */
final class TrainStage implements Stage<TrainResult> {
    static final String NAME = "train";

    @Override public String name() { return NAME; }

    @Override public Class<TrainResult> resultType() { return TrainResult.class; }

    @Override public TrainResult run(StageContext ctx) {
        RunConfig c = ctx.config();
        AunnConfig model = c.aunnConfig();
        TrainingRun.Options opts = TrainingDefaults.options(model, TrainingDefaults.SCHEDULE, c.patience()).withStopping(TrainingRun.Stopping.EXPECTED_BYTE_ERROR);
        if (java.nio.file.Files.exists(ctx.dir().train().resolve(TrainingRun.SNAPSHOT))) {
            ctx.log("train: resuming from " + ctx.dir().train().resolve(TrainingRun.SNAPSHOT));
        }
        TrainingRun.ResumePoint from = TrainingRun.resumePoint(ctx.dir().train());
        TrainingRun.Metrics m;
        try (Progress.Task task = ctx.progress().start(NAME, from.step(), model.totalSteps(), from.seconds()); Corpus corpus = Corpus.open(ctx.dir().corpus())) {
            m = TrainingRun.run(corpus, model, ctx.dir().train(), opts, p -> task.advance(p.step(), p.totalSteps(),
                    String.format(" train %.2f b/B, validation RMSE %s", p.trainBits(), Double.isNaN(p.validationError()) ? "-" : String.format("%.2f", p.validationError()))));
        }
        ctx.log(String.format("train: step %d, %.3f bits/byte on trained bytes, %.3f on validation bytes (expected-value RMSE %.2f), %.3f on held-out bytes (%.0f s)",
                m.step(), m.trainBits(), m.validationBits(), m.validationError(), m.heldOutBits(), m.seconds()));
        return new TrainResult(ctx.relative(ctx.dir().train().resolve(TrainingRun.SNAPSHOT)), ctx.relative(ctx.dir().train().resolve(TrainingRun.METRICS)),
                m.step(), m.trainBits(), Double.isNaN(m.heldOutBits()) ? null : m.heldOutBits(), m.seconds());
    }
}
