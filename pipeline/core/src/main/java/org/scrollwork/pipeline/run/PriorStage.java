package org.scrollwork.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.distill.DistillOptions;
import org.scrollwork.pipeline.distill.DistillStage;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PapyrusText;

/**
 * Distill: the language prior into the trained AUNN ({@link DistillStage}), when the corpus holds a transcription. The
 * prior is a modified Kneser-Ney n-gram, counted on the SBLGNT's training books when the corpus is cached (any book
 * containing the transcription is left out, so the prior never saw the letters it helps to read), else on the
 * transcription's visible letters; nothing is downloaded. Writes {@code train/prior.swng}, {@code train/distilled.aunn},
 * {@code train/distill-provenance.jsonl} and {@code train/distill-metrics.jsonl} (one line per step). An interrupted
 * distillation starts again from the trained snapshot, which it never writes.
 */
final class PriorStage implements Stage<DistillResult> {
    static final String NAME = "distill";
    static final String PRIOR = "prior.swng";
    static final String METRICS = "distill-metrics.jsonl";

    @Override public String name() { return NAME; }

    @Override public Class<DistillResult> resultType() { return DistillResult.class; }

    @Override public Optional<String> notApplicable(StageContext ctx) {
        return ctx.textRecord() < 0 ? Optional.of("the corpus holds no transcription (give --text)") : Optional.empty();
    }

    @Override public DistillResult run(StageContext ctx) {
        RunConfig c = ctx.config();
        Path train = ctx.dir().train();
        try (Corpus corpus = Corpus.open(ctx.dir().corpus())) {
            PapyrusRecord record = PapyrusRecord.read(corpus, ctx.textRecord());
            long t0 = System.nanoTime();
            CountedPrior counted = prior(c, record);
            NgramModel prior = counted.model();
            prior.save(train.resolve(PRIOR));
            ctx.log(String.format("distill: prior %s on %s (%.1f s)", prior.describe(), counted.text(), (System.nanoTime() - t0) / 1e9));
            StringBuilder lines = new StringBuilder();
            DistillOptions opts = new DistillOptions(0.5, 0, 0, c.distillSteps(), 256, 32, c.distillLr(), c.seed());
            DistillStage.Summary s;
            try (Progress.Task task = ctx.progress().start(NAME, opts.steps())) {
                s = DistillStage.run(corpus, train, prior, opts, (step, r) -> {
                    lines.append(String.format(java.util.Locale.ROOT, "{\"step\":%d,\"targetBitsPerByte\":%s}%n", step, r.targetBits()));
                    task.advance(step, opts.steps(), String.format(" targets %.2f b/B", r.targetBits()));
                });
            }
            AtomicFiles.writeBytes(train.resolve(METRICS), lines.toString().getBytes(StandardCharsets.UTF_8));
            ctx.log(String.format("distill: %d steps, %d hidden letters, the prior changed the top letter of %d (mean KL %.3f bits)", s.steps(),
                    s.hiddenLetters(), s.changedTopLetters(), s.meanKlBits()));
            return new DistillResult(counted.text(), ctx.relative(train.resolve(PRIOR)), prior.describe(), ctx.relative(s.snapshot()),
                    ctx.relative(train.resolve(DistillStage.PROVENANCE)), ctx.relative(train.resolve(METRICS)), s.steps(), s.last().targetBits(), s.hiddenLetters(),
                    s.changedTopLetters(), s.meanKlBits());
        }
    }

    /** The language prior and what it was counted on. */
    private record CountedPrior(NgramModel model, String text) {}

    private static CountedPrior prior(RunConfig c, PapyrusRecord record) {
        List<String> texts = new ArrayList<>();
        String priorText;
        if (c.prior().startsWith("sblgnt:")) {
            Path db = Path.of(c.prior().substring("sblgnt:".length()));
            String probe = probe(c);
            List<String> left = new ArrayList<>();
            for (GreekCorpus.Book b : GreekCorpus.fromSqlite(db).split().train()) {
                if (probe != null && b.letters().contains(probe)) left.add(b.name());
                else texts.add(b.letters());
            }
            priorText = "SBLGNT training books " + (left.isEmpty() ? "" : "without " + String.join(", ", left) + " (they contain the transcription) ") + "from " + db;
        } else {
            for (String run : record.letters().split("\\" + PapyrusRecord.HIDDEN)) if (!run.isEmpty()) texts.add(run);
            priorText = "the transcription's visible letters";
        }
        if (texts.isEmpty()) throw new IllegalArgumentException("no text to count the language prior on (" + priorText + ")");
        return new CountedPrior(NgramModel.train(texts, c.ngramOrder()), priorText);
    }

    /** The transcription's first 40 letters, to find books that contain it. */
    private static String probe(RunConfig c) {
        if (c.text() == null) return null;
        try {
            String letters = PapyrusText.normalize(Files.readString(Path.of(c.text()), StandardCharsets.UTF_8)).letters();
            return letters.substring(0, Math.min(40, letters.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text " + c.text() + ": " + e.getMessage(), e);
        }
    }
}
