package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.eval.RecordVoxels;
import org.scrollwork.pipeline.report.ReconstructionReport;
import org.scrollwork.prior.PapyrusText;

/**
 * Evaluate: the held-out slices scored against trilinear and tricubic interpolation ({@link HeldOutSliceEvaluation}),
 * written with its renders and plots by {@link ReconstructionReport} into {@code report/}; with a transcription, the
 * hidden letters read without and with the prior scored against it ({@value #TEXT_EVALUATION}).
 */
final class EvaluateStage implements Stage {
    static final String NAME = "evaluate";
    static final String TEXT_EVALUATION = "text-evaluation.json";

    @Override public String name() { return NAME; }

    @Override public Map<String, Object> run(StageContext ctx) {
        RunDirectory d = ctx.dir();
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Corpus corpus = Corpus.open(d.corpus()); TrainedModel trained = TrainedModel.load(d.train(), corpus)) {
            int id = ctx.volumeRecord();
            CorpusRecord r = corpus.record(id);
            List<Integer> held = new java.util.ArrayList<>();
            ctx.marker(IngestStage.NAME).get("heldOutSlices").forEach(z -> held.add(z.asInt()));
            double[] clean = null;
            if (ctx.config().cleanScan() != null) {
                clean = RecordVoxels.read(ctx.config().axis().record(RenderStage.region(ctx).of(
                        org.scrollwork.io.Formats.read(Path.of(ctx.config().cleanScan()), ctx.config().level()))));
            }
            HeldOutSliceEvaluation.Result result = HeldOutSliceEvaluation.evaluate(trained.model(), corpus, id, held, clean);
            JsonNode train = ctx.marker(TrainStage.NAME);
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("source", ctx.config().scan());
            about.put("region", RenderStage.region(ctx).toString());
            about.put("steps", train.get("step").asLong());
            about.put("trainSeconds", Math.round(train.get("trainSeconds").asDouble()));
            about.put("trainBitsPerByte", train.get("trainBitsPerByte").asDouble());
            about.put("heldOutBitsPerByte", train.get("heldOutBitsPerByte").asDouble());
            Path html = ReconstructionReport.write(d.report(), d.train(), result, r.meta().toScanMetadata(r.dataType()), about);
            facts.put("evaluation", ctx.relative(d.report().resolve(ReconstructionReport.EVALUATION)));
            List<Map<String, Object>> scores = new java.util.ArrayList<>();
            facts.put("heldOutVoxels", result.heldOutVoxels());
            facts.put("psnrPeak", HeldOutSliceEvaluation.dataRange(r));
            facts.put("regionDataRange", result.regionRange());
            facts.put("materialThreshold", result.materialThreshold());
            facts.put("materialVoxels", result.materialVoxels());
            facts.put("scores", scores);
            for (int i = 0; i < result.scores().size(); i++) {
                HeldOutSliceEvaluation.Score s = result.scores().get(i);
                HeldOutSliceEvaluation.RangeScore rs = result.rangeScores().get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", s.method());
                row.put("psnrDb", s.psnrDb()); // Infinity (exact) is written as the string "Infinity"
                row.put("ssim", s.ssim());
                row.put("psnrRegionRangeDb", rs.psnrDb());
                row.put("psnrMaterialDb", rs.materialPsnrDb());
                scores.add(row);
                ctx.log(String.format("evaluate: held-out slices, %-9s PSNR %.2f dB, SSIM %.4f", s.method(), s.psnrDb(), s.ssim()));
            }
            if (clean != null) {
                List<Map<String, Object>> cs = new java.util.ArrayList<>();
                for (HeldOutSliceEvaluation.Score sc : result.cleanScores()) {
                    cs.add(Map.of("method", sc.method(), "psnrDb", sc.psnrDb(), "ssim", sc.ssim()));
                    ctx.log(String.format("evaluate: held-out slices against the noise-free scan, %-9s PSNR %.2f dB, SSIM %.4f", sc.method(), sc.psnrDb(), sc.ssim()));
                }
                facts.put("scoresNoiseFree", cs);
                facts.put("noiseCeilingDb", result.noiseCeilingDb());
                ctx.log(String.format("evaluate: noise ceiling (the noise-free scan scored against the scan) %.2f dB", result.noiseCeilingDb()));
            }
            facts.put("page", ctx.relative(html));
        }
        if (ctx.textRecord() >= 0) text(ctx, facts);
        return facts;
    }

    /** Hidden letters right without and with the prior, from the render stage's provenance and the transcription. */
    private static void text(StageContext ctx, Map<String, Object> facts) {
        Path prov = ctx.dir().renders().resolve("text").resolve("text-" + ctx.textRecord() + "-provenance.json");
        try {
            String truth = PapyrusText.normalize(org.scrollwork.io.Utf8Text.read(Path.of(ctx.config().text()))).letters();
            JsonNode doc = RunDirectory.JSON.readTree(prov.toFile());
            int n = 0, alone = 0, prior = 0, decided = 0, decidedRight = 0;
            boolean withPrior = false;
            for (JsonNode l : doc.get("letters")) {
                char t = truth.charAt(l.get("letter").asInt());
                n++;
                if (l.get("aunn").asText().charAt(0) == t) alone++;
                if (l.has("withPrior")) {
                    withPrior = true;
                    if (l.get("withPrior").asText().charAt(0) == t) prior++;
                    if (l.get("decidedByPrior").asBoolean()) {
                        decided++;
                        if (l.get("withPrior").asText().charAt(0) == t) decidedRight++;
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hiddenLetters", n);
            m.put("correctAunnAlone", alone);
            m.put("accuracyAunnAlone", n == 0 ? null : (double) alone / n);
            if (withPrior) {
                m.put("correctWithPrior", prior);
                m.put("accuracyWithPrior", n == 0 ? null : (double) prior / n);
                m.put("decidedByPrior", decided);
                m.put("decidedByPriorCorrect", decidedRight);
            }
            AtomicFiles.writeBytes(ctx.dir().report().resolve(TEXT_EVALUATION), RunDirectory.JSON.writeValueAsBytes(m));
            facts.put("text", m);
            ctx.log(String.format("evaluate: hidden letters right, AUNN alone %d of %d%s", alone, n,
                    withPrior ? String.format(", with the prior %d of %d (%d decided by the prior, %d of them right)", prior, n, decided, decidedRight) : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot score the text readings in " + prov + ": " + e.getMessage(), e);
        }
    }
}
