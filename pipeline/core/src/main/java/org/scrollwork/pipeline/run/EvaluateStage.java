package org.scrollwork.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.eval.HeldOutVoxelEvaluation;
import org.scrollwork.pipeline.eval.RecordVoxels;
import org.scrollwork.pipeline.report.ReconstructionReport;
import org.scrollwork.pipeline.report.ReportFacts;
import org.scrollwork.pipeline.report.TextProvenance;
import org.scrollwork.prior.PapyrusText;

/**
 * Evaluate: the held-out slices scored against trilinear and tricubic interpolation and non-local means + trilinear
 * (its cut-off chosen on the validation slices) ({@link HeldOutSliceEvaluation}),
 * written with its renders and plots by {@link ReconstructionReport} into {@code report/}; with a transcription, the
 * hidden letters read without and with the prior scored against it ({@value #TEXT_EVALUATION}).
 */
final class EvaluateStage implements Stage<EvaluateResult> {
    static final String NAME = "evaluate";
    static final String TEXT_EVALUATION = "text-evaluation.json";

    @Override public String name() { return NAME; }

    @Override public Class<EvaluateResult> resultType() { return EvaluateResult.class; }

    @Override public EvaluateResult run(StageContext ctx) {
        RunDirectory d = ctx.dir();
        EvaluateResult facts;
        try (Corpus corpus = Corpus.open(d.corpus()); TrainedModel trained = TrainedModel.load(d.train(), corpus)) {
            int id = ctx.volumeRecord();
            CorpusRecord r = corpus.record(id);
            List<Integer> held = ctx.ingest().heldOutSlices();
            double[] clean = null;
            if (ctx.config().cleanScan() != null) {
                clean = RecordVoxels.read(ctx.config().axis().record(RenderStage.region(ctx).of(
                        org.scrollwork.io.Formats.read(Path.of(ctx.config().cleanScan()), ctx.config().level()))));
            }

            TrainResult train = ctx.train();
            HeldOutPattern pattern = ctx.config().pattern();
            ReportFacts.Pipeline about = new ReportFacts.Pipeline(ctx.config().scan(), RenderStage.region(ctx).toString(), train.step(),
                    Math.round(train.trainSeconds()), train.trainBitsPerByte(),
                    train.heldOutBitsPerByte() == null ? 0.0 : train.heldOutBitsPerByte(), // as a null marker value read before
                    pattern.spec());
            if (!(pattern instanceof HeldOutPattern.Planes)) {
                facts = voxels(ctx, trained, corpus, r, pattern, clean, about);
                return ctx.textRecord() >= 0 ? facts.withText(text(ctx)) : facts;
            }
            List<Integer> validation = ctx.ingest().validationSlices() == null ? List.of() : ctx.ingest().validationSlices(); // null in older markers
            HeldOutSliceEvaluation.Result result = HeldOutSliceEvaluation.evaluate(trained.model(), corpus, id, held, validation, clean);
            Path html = ReconstructionReport.write(d.report(), d.train(), result, r.meta().toScanMetadata(r.dataType()), about);
            List<EvaluateResult.Score> scores = new java.util.ArrayList<>();
            for (int i = 0; i < result.scores().size(); i++) {
                HeldOutSliceEvaluation.Score s = result.scores().get(i);
                HeldOutSliceEvaluation.RangeScore rs = result.rangeScores().get(i);
                scores.add(new EvaluateResult.Score(s.method(), s.psnrDb(), s.ssim(), rs.psnrDb(), rs.materialPsnrDb())); // Infinity (exact) is written as "Infinity"
                ctx.log(String.format("evaluate: held-out slices, %-15s PSNR %.2f dB, SSIM %.4f", s.method(), s.psnrDb(), s.ssim()));
            }
            List<EvaluateResult.Score> cs = null;
            if (clean != null) {
                cs = new java.util.ArrayList<>();
                for (HeldOutSliceEvaluation.Score sc : result.cleanScores()) {
                    cs.add(new EvaluateResult.Score(sc.method(), sc.psnrDb(), sc.ssim(), null, null));
                    ctx.log(String.format("evaluate: held-out slices against the noise-free scan, %-15s PSNR %.2f dB, SSIM %.4f", sc.method(), sc.psnrDb(), sc.ssim()));
                }
                ctx.log(String.format("evaluate: noise ceiling (the noise-free scan scored against the scan) %.2f dB", result.noiseCeilingDb()));
            }
            HeldOutSliceEvaluation.NlmChoice nc = result.nlm();
            EvaluateResult.Nlm nlm = new EvaluateResult.Nlm(nc.sigma(), nc.hOverSigma(), nc.chosenOnValidation() ? "validation slices" : "default (no validation slices)",
                    nc.candidates(), nc.chosenOnValidation() ? nc.validationPsnrDb() : null);
            ctx.log(String.format(java.util.Locale.ROOT, "evaluate: %s: noise sigma %.2f estimated on the known slices, h = %.1f sigma (%s)",
                    HeldOutSliceEvaluation.NLM, nc.sigma(), nc.hOverSigma(), nlm.hChosenOn()));
            facts = new EvaluateResult(ctx.relative(d.report().resolve(ReconstructionReport.EVALUATION)), result.heldOutVoxels(), HeldOutSliceEvaluation.dataRange(r),
                    result.regionRange(), result.materialThreshold(), result.materialVoxels(), scores, cs, clean != null ? result.noiseCeilingDb() : null,
                    ctx.relative(html), null, nlm);
        }
        return ctx.textRecord() >= 0 ? facts.withText(text(ctx)) : facts;
    }

    /** Scattered voxels or a box: the AUNN against the pattern's baseline on the held-out test voxels ({@link HeldOutVoxelEvaluation}). */
    private static EvaluateResult voxels(StageContext ctx, TrainedModel trained, Corpus corpus, CorpusRecord r, HeldOutPattern pattern, double[] clean,
                                         ReportFacts about) {
        HeldOutVoxelEvaluation.Baseline baseline = pattern instanceof HeldOutPattern.DamagedBox ? HeldOutVoxelEvaluation.Baseline.LINES
                : HeldOutVoxelEvaluation.Baseline.NORMALIZED_CONVOLUTION;
        HeldOutVoxelEvaluation.Result result = HeldOutVoxelEvaluation.evaluate(trained.model(), corpus, r.id(), baseline, clean);
        Path html = ReconstructionReport.writeVoxels(ctx.dir().report(), ctx.dir().train(), result, pattern.spec(), baseline.label(),
                r.meta().toScanMetadata(r.dataType()), about);
        List<EvaluateResult.Score> scores = new java.util.ArrayList<>();
        for (HeldOutVoxelEvaluation.Score s : result.scores()) {
            scores.add(new EvaluateResult.Score(s.method(), s.psnrDb(), Double.NaN, s.psnrRegionRangeDb(), s.psnrMaterialDb(), s.mae()));
            ctx.log(String.format("evaluate: held-out voxels (%s), %-22s PSNR %.2f dB, MAE %.1f", pattern.spec(), s.method(), s.psnrDb(), s.mae()));
        }
        List<EvaluateResult.Score> cs = null;
        if (clean != null) {
            cs = new java.util.ArrayList<>();
            for (HeldOutVoxelEvaluation.Score s : result.cleanScores()) cs.add(new EvaluateResult.Score(s.method(), s.psnrDb(), Double.NaN, null, null, s.mae()));
        }
        return new EvaluateResult(ctx.relative(ctx.dir().report().resolve(ReconstructionReport.EVALUATION)), result.heldOutVoxels(), result.psnrPeak(),
                result.regionRange(), result.materialThreshold(), result.materialVoxels(), scores, cs, clean != null ? result.noiseCeilingDb() : null,
                ctx.relative(html), null, pattern.spec(), baseline.label());
    }

    /** Hidden letters right without and with the prior, from the render stage's provenance and the transcription. */
    private static EvaluateResult.TextScore text(StageContext ctx) {
        Path prov = ctx.dir().renders().resolve("text").resolve("text-" + ctx.textRecord() + "-provenance.json");
        try {
            String truth = PapyrusText.normalize(org.scrollwork.io.Utf8Text.read(Path.of(ctx.config().text()))).letters();
            TextProvenance doc = RunDirectory.JSON.readValue(prov.toFile(), TextProvenance.class);
            int n = 0, alone = 0, prior = 0, decided = 0, decidedRight = 0;
            boolean withPrior = false;
            for (TextProvenance.HiddenLetter l : doc.letters()) {
                char t = truth.charAt(l.letter());
                n++;
                if (l.aunn().charAt(0) == t) alone++;
                if (l.withPrior() != null) {
                    withPrior = true;
                    if (l.withPrior().charAt(0) == t) prior++;
                    if (Boolean.TRUE.equals(l.decidedByPrior())) {
                        decided++;
                        if (l.withPrior().charAt(0) == t) decidedRight++;
                    }
                }
            }
            EvaluateResult.TextScore m = withPrior
                    ? new EvaluateResult.TextScore(n, alone, n == 0 ? null : (double) alone / n, prior, n == 0 ? null : (double) prior / n, decided, decidedRight)
                    : new EvaluateResult.TextScore(n, alone, n == 0 ? null : (double) alone / n, null, null, null, null);
            AtomicFiles.writeBytes(ctx.dir().report().resolve(TEXT_EVALUATION), RunDirectory.JSON.writeValueAsBytes(m));
            ctx.log(String.format("evaluate: hidden letters right, AUNN alone %d of %d%s", alone, n,
                    withPrior ? String.format(", with the prior %d of %d (%d decided by the prior, %d of them right)", prior, n, decided, decidedRight) : ""));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot score the text readings in " + prov + ": " + e.getMessage(), e);
        }
    }
}
