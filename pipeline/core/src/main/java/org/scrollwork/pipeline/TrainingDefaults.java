package org.scrollwork.pipeline;

import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;

/**
 * The one set of training defaults: {@code scrollwork run}, {@code demo}, {@code train} and the Fiji commands start
 * from these, chosen on the validation slices of the demo phantom (docs/reconstruction.md): the geometry embedding, a
 * 64×2 body, batch 2048, 400 steps of warm-up and cosine decay at peak learning rate 5e-3, batches drawn without
 * replacement ({@link TrainingRun.ScheduleName#SHUFFLED}), and one rule for when to evaluate and snapshot.
 */
public final class TrainingDefaults {
    public static final int WIDTH = 64, DEPTH = 2, BATCH = 2048, STEPS = 400, PATIENCE = 4;
    public static final double LR = 5e-3;
    /**
     * How batches are drawn: every trained byte once per epoch, in a fresh random order each epoch (the ink task on segments,
     * which stops inside its first epoch, keeps {@link TrainingRun.ScheduleName#RANDOM}).
     */
    public static final TrainingRun.ScheduleName SCHEDULE = TrainingRun.ScheduleName.SHUFFLED;
    /** Indices scored at each evaluation. */
    public static final int EVAL_SAMPLES = 8192;

    private TrainingDefaults() {}

    /** A model config with the geometry embedding: warm-up a tenth of the steps (at most 100), cosine decay over {@code steps}. */
    public static AunnConfig config(int width, int depth, int batch, double lr, int steps, long seed) {
        return AunnConfig.defaults().withShape(width, depth).withBatchSize(batch).withOptim(lr, Math.min(100, steps / 10), steps, 0.0).withSeed(seed)
                .withEncoding(EncodingSpec.geometry(GeometrySpec.defaults()));
    }

    /**
     * The grids for a region one slice deep (a single image, rows held out), where {@link GeometrySpec#defaults()}'
     * grids pooling along z would be full-resolution grids of the slice that learn its noise: isotropic 8-, 4- and
     * 2-voxel grids, chosen on validation rows (docs/reconstruction.md, "When the held-out planes cut across the sheets").
     */
    public static GeometrySpec singleSliceGeometry() { return GeometrySpec.isotropic(8, 4, 2); }

    /** The default model ({@link #WIDTH}×{@link #DEPTH}, {@link #LR}) at another batch size and budget. */
    public static AunnConfig model(int batch, int steps, long seed) { return config(WIDTH, DEPTH, batch, LR, steps, seed); }

    /** Steps between evaluations: a twentieth of the run, at least 5 (at most the run). */
    public static int evalEvery(int steps) { return Math.min(steps, Math.max(5, steps / 20)); }

    /** Steps between evaluations as an {@code --eval-every} option gives them: {@code given} when positive, else {@link #evalEvery(int)}. */
    public static int evalEvery(int steps, int given) { return given > 0 ? given : evalEvery(steps); }

    /**
     * Run options for {@code model}'s {@link AunnConfig#totalSteps()} steps: an evaluation of {@value #EVAL_SAMPLES}
     * indices every {@link #evalEvery} steps, a snapshot every tenth of the run, stopping after {@code patience}
     * evaluations without a better score (0 = never early).
     */
    public static TrainingRun.Options options(AunnConfig model, TrainingRun.ScheduleName schedule, int patience) {
        return options(model, schedule, evalEvery(model.totalSteps()), patience);
    }

    /** As {@link #options(AunnConfig, TrainingRun.ScheduleName, int)} with evaluations every {@code evalEvery} steps. */
    public static TrainingRun.Options options(AunnConfig model, TrainingRun.ScheduleName schedule, int evalEvery, int patience) {
        return new TrainingRun.Options(schedule, evalEvery, Math.max(1, model.totalSteps() / 10), EVAL_SAMPLES, patience);
    }
}
