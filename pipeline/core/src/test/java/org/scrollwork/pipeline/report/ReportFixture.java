package org.scrollwork.pipeline.report;

import java.nio.file.Path;
import java.util.List;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;

/**
 * A small held-out-slice run for the report tests: a 24×24×12 uint8 scan v = x + y + z² (linear interpolation across a
 * gap of two slices is off by exactly 1 everywhere), its odd slices held out, a tiny AUNN trained 60 steps, evaluated.
 */
final class ReportFixture {
    /** What {@link #run} made: the evaluation, the scan's metadata, the training directory, and the held-out slices as marked. */
    record Run(HeldOutSliceEvaluation.Result result, ScanMetadata meta, Path train, List<Integer> held) {
        /** Writes the report into {@code out} with {@code facts}; returns {@code report.html}. */
        Path report(Path out, ReportFacts facts) {
            return ReconstructionReport.write(out, train, result, meta, facts);
        }
    }

    private ReportFixture() {}

    /** v = x + y + z² on 24×24×12 voxels. */
    static Volume<?> quadratic(ScanMetadata m) {
        int nx = 24, ny = 24, nz = 12;
        byte[] v = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) v[(z * ny + y) * nx + x] = (byte) (x + y + z * z);
        return Volumes.wrap(v, new long[] {nx, ny, nz}, m);
    }

    /** Builds the corpus in {@code dir/corpus}, trains into {@code dir/train} and evaluates the held-out slices. */
    static Run run(Path dir) throws Exception {
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).scrollId("PHerc-test").build();
        try (Corpus corpus = Corpus.create(dir.resolve("corpus"), CorpusOptions.defaults())) {
            CorpusRecord rec = corpus.appendVolume(quadratic(meta));
            List<Integer> held = SliceReconstruction.holdOutOddSlices(corpus, rec.id());
            AunnConfig config = AunnConfig.defaults().withShape(32, 2).withBatchSize(256).withOptim(3e-3, 5, 60, 0).withSeed(3);
            Path train = dir.resolve("train");
            TrainingRun.run(corpus, config, train, new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 20, 60, 1024), m -> { });
            try (AunnModel model = new AunnModel(config.withIndexBits(corpus.indexBits())); AunnTrainer t = new AunnTrainer(model)) {
                Snapshot.restore(train.resolve(TrainingRun.SNAPSHOT), t, corpus.fingerprint(), Snapshot.Mode.RESUME);
                return new Run(HeldOutSliceEvaluation.evaluate(model, corpus, rec.id(), held), meta, train, held);
            }
        }
    }
}
