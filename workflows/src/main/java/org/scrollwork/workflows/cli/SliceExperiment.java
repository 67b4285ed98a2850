package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.view.Views;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.report.ReconstructionReport;

/**
 * The held-out-slice reconstruction run shared by {@code demo} and {@code run}: a centred crop of a scan
 * goes into a new corpus in {@code dir/corpus}, every second z slice is held out, an AUNN learns the rest
 * in {@code dir/train}, and its predictions of the held-out slices are scored against the truth and
 * against trilinear and tricubic interpolation; the report goes to {@code dir/report}.
 */
final class SliceExperiment {
    private SliceExperiment() {}

    /** Runs it and returns the report page. */
    static Path run(PrintWriter out, Path dir, Volume<?> scan, int crop, int steps, long seed, String source) {
        if (scan.meta().dataType() != DataType.UINT8 && scan.meta().dataType() != DataType.UINT16) {
            throw new IllegalArgumentException(source + " holds " + scan.meta().dataType().numpyName()
                    + " voxels; the reconstruction run takes uint8 or uint16 scans (convert first)");
        }
        long[] s = scan.shape();
        long cx = Math.min(crop, s[0]), cy = Math.min(crop, s[1]), cz = Math.min(Math.max(3, crop / 2), s[2]);
        if (cz < 3) throw new IllegalArgumentException(source + " has " + s[2] + " slices; holding out every second one needs at least 3");
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        Volume<?> region = new Volume(Views.zeroMin(Views.interval(scan.image(), new long[] {x0, y0, z0},
                new long[] {x0 + cx - 1, y0 + cy - 1, z0 + cz - 1})), scan.meta());
        out.println();
        out.printf("AUNN: a %d×%d×%d region of the scan becomes one indexed byte list; every second z slice is held out.%n", cx, cy, cz);
        try (Corpus corpus = Corpus.create(dir.resolve("corpus"), CorpusOptions.defaults())) {
            CorpusRecord rec = corpus.appendVolume(region);
            List<Integer> held = SliceReconstruction.holdOutOddSlices(corpus, rec.id());
            out.printf("Corpus %s: %d trainable bytes (scan + its metadata record), %d held-out bytes; index bits [block | z | y | x] = 2^%d blocks.%n",
                    dir.resolve("corpus"), corpus.count(Role.TRAIN), corpus.count(Role.HELD_OUT), rec.blockBits());
            Path runDir = dir.resolve("train");
            AunnConfig config = TrainCommand.config(256, 4, 1024, 2e-3, steps, seed);
            TrainingRun.Metrics m = TrainCommand.train(corpus, config, runDir,
                    new TrainingRun.Options(steps, TrainingRun.ScheduleName.RANDOM, Math.max(1, steps / 20), steps, 8192), out);
            out.printf("Trained %d steps in %.0f s: %.3f bits/byte on trained voxels, %.3f bits/byte on held-out voxels (8 = knows nothing).%n",
                    m.step(), m.seconds(), m.trainBits(), m.heldOutBits());
            try (TrainedModel trained = TrainedModel.load(runDir, corpus)) {
                HeldOutSliceEvaluation.Result r = HeldOutSliceEvaluation.evaluate(trained.model(), corpus, rec.id(), held);
                out.println();
                EvalCommand.printTable(out, r);
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("source", source);
                facts.put("region", cx + "×" + cy + "×" + cz + " at " + x0 + "," + y0 + "," + z0);
                facts.put("steps", m.step());
                facts.put("trainSeconds", Math.round(m.seconds()));
                facts.put("trainBitsPerByte", m.trainBits());
                facts.put("heldOutBitsPerByte", m.heldOutBits());
                return ReconstructionReport.write(dir.resolve("report"), runDir, r, region.meta(), facts);
            }
        }
    }
}
