package org.scrollwork.experiments.distill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.distill.CharModelTeacher;
import org.scrollwork.pipeline.distill.DistillOptions;
import org.scrollwork.pipeline.distill.Distiller;
import org.scrollwork.pipeline.distill.LmCritic;
import org.scrollwork.pipeline.distill.LmTeacher;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.pipeline.distill.SpanFiller;
import org.scrollwork.pipeline.distill.Teaching;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.NgramModel;

/**
 * Restoring held-out letter spans of Greek text records in the corpus: AUNN alone, AUNN after distillation (targets
 * route, critic route), the LM alone (Restorer), and the product AUNN × LM, as one table.
 *
 * <p>Data: the first LETTERS letters of the SBLGNT test books (1 John …), as records of 1000 letters in papyrus form
 * (UTF-8, 2 bytes per letter); spans alternate between 1 letter and 2–10 letters (seeded), at least 12 letters apart,
 * marked HELD_OUT. The LM is a GRU trained here on the SBLGNT train books (early stopping on part of validation), or
 * loaded from the {@code lm} setting. No method ever sees a held-out letter: the AUNN never trains on their bytes, the LM fills spans
 * left to right with visible (or its own) letters as context.
 *
 * <pre>
 * bin/scrollwork experiment distill [--set letters=3000 --set aunnSteps=1500 --set distillSteps=300 --set lmSteps=600 --set lm=LM_FILE]
 * </pre>
 * Settings: {@link DistillConfig}. Uses one PyTorch thread unless ai.djl.pytorch.num_threads is set.
 */
public final class DistillExperiment implements Experiment {
    static final int RECORD_LETTERS = 1000, LEFT = 32, RIGHT = 8, BEAM = 16;

    @Override public String name() { return "distill"; }

    @Override public String summary() {
        return "held-out letter spans of Greek text records restored by the AUNN alone, distilled from a GRU or 6-gram, the LMs alone and AUNN × LM";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        DistillConfig config = DistillConfig.from(settings);
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        int letters = config.letters(), aunnSteps = config.aunnSteps(), distillSteps = config.distillSteps(), lmSteps = config.lmSteps();
        double[] criticWeights = {1.0, 3.0};
        long t0 = System.nanoTime();
        GreekCorpus.Split split = GreekCorpus.sblgnt().split();
        List<String> train = split.train().stream().map(GreekCorpus.Book::letters).toList();
        String val = String.join("", split.validation().stream().map(GreekCorpus.Book::letters).toList());
        String test = String.join("", split.test().stream().map(GreekCorpus.Book::letters).toList()).substring(0, letters);

        CharLm lm;
        String lmNote;
        if (config.lm().isPresent()) {
            lm = CharLm.load(config.lm().get());
            lmNote = "loaded " + config.lm().get();
        } else {
            long tl = System.nanoTime();
            lm = CharLm.train(train, List.of(val.substring(0, 3000)), CharLmConfig.of(128, 1, 0f), new CharLmTraining(lmSteps, 32, 64, 0.005f, 1),
                    s -> progress.log("lm " + s));
            lmNote = String.format("trained here, %d steps, %.0f s", lmSteps, (System.nanoTime() - tl) / 1e9);
        }
        NgramModel ngram = NgramModel.train(train, 6);

        Path corpusDir = workDir.resolve("corpus"), run = workDir.resolve("run");
        AtomicFiles.deleteTree(corpusDir);
        AtomicFiles.deleteTree(run);
        Random rnd = new Random(20261123L);
        List<String> truths = new ArrayList<>();
        try (Corpus c = Corpus.create(corpusDir, new CorpusOptions(24))) {
            for (int from = 0; from < letters; from += RECORD_LETTERS) {
                String text = test.substring(from, Math.min(letters, from + RECORD_LETTERS));
                CorpusRecord r = c.appendText(text.getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form"), OptionalInt.empty());
                truths.add(text);
                boolean single = true;
                for (int pos = 20 + rnd.nextInt(20); pos < text.length() - 20; pos += 12 + rnd.nextInt(40)) {
                    int len = single ? 1 : 2 + rnd.nextInt(9);
                    if (pos + len > text.length() - 10) break;
                    c.mask(r.id(), 2L * pos, 2L * (pos + len), Role.HELD_OUT);
                    pos += len;
                    single = !single;
                }
            }
        }
        try (Corpus corpus = Corpus.open(corpusDir)) {
            List<PapyrusRecord> records = PapyrusRecord.all(corpus);
            int hidden = 0, spans = 0;
            for (PapyrusRecord r : records) { spans += r.hiddenSpans().size(); for (int i = 0; i < r.length(); i++) if (!r.visible(i)) hidden++; }
            String corpusNote = String.format("Corpus: %d letters of the SBLGNT test books in %d papyrus-form records (%d bytes), %d held-out spans, %d held-out letters",
                    letters, records.size(), 2 * letters, spans, hidden);
            progress.log(corpusNote);
            String lmLine = String.format("LM: %s (%s); validation %.3f bits/letter", lm.describe(), lmNote, lm.bitsPerChar(List.of(val.substring(0, 3000))));
            progress.log(lmLine);

            long ta = System.nanoTime();
            AunnConfig cfg = AunnConfig.defaults().withShape(256, 4).withBatchSize(512).withOptim(2e-3, 100, aunnSteps, 0.0).withIndexBits(corpus.indexBits());
            TrainingRun.Metrics m = TrainingRun.run(corpus, cfg, run, new TrainingRun.Options(TrainingDefaults.SCHEDULE, 250, aunnSteps, 4096),
                    x -> progress.log(String.format("aunn step %d train %.3f held-out %.3f b/B", x.step(), x.trainBits(), x.heldOutBits())));
            double aunnSecs = (System.nanoTime() - ta) / 1e9;
            String aunnLine = String.format("AUNN: %dx%d, %d steps of 512 bytes, %.0f s; train %.3f, held-out %.3f bits/byte", 256, 4, aunnSteps, aunnSecs,
                    m.trainBits(), m.heldOutBits());
            progress.log(aunnLine);

            List<Row> rows = new ArrayList<>();
            Path base = run.resolve(TrainingRun.SNAPSHOT);
            List<double[][]> alone = new ArrayList<>();
            try (AunnModel model = loaded(base, cfg, corpus)) {
                long t = System.nanoTime();
                for (PapyrusRecord r : records) alone.add(Distiller.letterDistributions(model, r));
                rows.add(score("(a) AUNN alone", records, truths, i -> argmaxFill(records.get(i), alone.get(i)), alone, t));
            }
            for (boolean twoSided : new boolean[] {false, true}) {
                long tb = System.nanoTime();
                List<Teaching> teachings = new ArrayList<>();
                LmTeacher teacher = new LmTeacher(lm, new SpanFiller(LEFT, RIGHT, BEAM), false, twoSided);
                for (PapyrusRecord r : records) teachings.add(teacher.teach(r));
                rows.add(distilled("(b) AUNN distilled, GRU targets, " + (twoSided ? "two-sided at held-out" : "next-letter only"), base, cfg, corpus,
                        records, truths, teachings, null, new DistillOptions(0.5, 0, 0, distillSteps, 256, 1, 5e-4, 7), tb, progress));
            }
            long tg = System.nanoTime();
            List<Teaching> ngramTeachings = new ArrayList<>();
            CharModelTeacher ngramTeacher = new CharModelTeacher(ngram, new SpanFiller(LEFT, RIGHT, BEAM), LEFT, true);
            for (PapyrusRecord r : records) ngramTeachings.add(ngramTeacher.teach(r));
            rows.add(distilled("(b2) AUNN distilled, 6-gram targets, two-sided at held-out", base, cfg, corpus, records, truths, ngramTeachings, null,
                    new DistillOptions(0.5, 0, 0, distillSteps, 256, 1, 5e-4, 7), tg, progress));
            for (double w : criticWeights) {
                rows.add(distilled("(b') AUNN distilled, GRU critic (weight " + w + ")", base, cfg, corpus, records, truths, null, new LmCritic(lm),
                        new DistillOptions(0, 0, w, distillSteps, 256, 32, 5e-4, 7), System.nanoTime(), progress));
            }
            long tc = System.nanoTime();
            SpanFiller filler = new SpanFiller(LEFT, RIGHT, BEAM);
            rows.add(score("(c) LM alone (GRU Restorer)", records, truths, i -> filler.fill(records.get(i).letters(), lm), null, tc));
            long tn = System.nanoTime();
            rows.add(score("(c2) 6-gram alone (Restorer)", records, truths, i -> filler.fill(records.get(i).letters(), ngram), null, tn));
            long td = System.nanoTime();
            rows.add(score("(d) AUNN x LM (product of experts)", records, truths,
                    i -> filler.fill(records.get(i).letters(), ls -> new PoeModel(lm, alone.get(i), ls, 1.0)), null, td));
            long te = System.nanoTime();
            rows.add(score("(d) AUNN^0.25 x LM", records, truths,
                    i -> filler.fill(records.get(i).letters(), ls -> new PoeModel(lm, alone.get(i), ls, 0.25)), null, te));
            long tf = System.nanoTime();
            rows.add(score("(d2) AUNN^0.25 x 6-gram", records, truths,
                    i -> filler.fill(records.get(i).letters(), ls -> new PoeModel(ngram, alone.get(i), ls, 0.25)), null, tf));

            ResultTable table = new ResultTable(corpusNote + ". " + lmLine + ". " + aunnLine,
                    List.of("method", "1-letter spans top-1", "1-letter spans right", "held-out letters correct", "held-out letters right", "mean span CER",
                            "visible letters correct", "s"), List.of(0, 3, 0, 3, 0, 3, 3, 0));
            for (Row r : rows) table.row(r.cells());
            progress.log(String.format("Total %.0f s", (System.nanoTime() - t0) / 1e9));
            Row aunnAlone = rows.get(0), best = rows.stream().max(java.util.Comparator.comparingInt(Row::lettersRight)).orElseThrow();
            String headline = String.format(Locale.ROOT, "Of %d held-out letters the AUNN alone restores %d; the most, %d, by %s.",
                    aunnAlone.letters(), aunnAlone.lettersRight(), best.lettersRight(), best.name());
            Map<String, Object> numbers = new LinkedHashMap<>();
            for (Row r : rows) numbers.put(r.name(), r.lettersRight());
            return new ExperimentResult(headline, List.of(table), Map.of(), numbers);
        } finally {
            lm.close();
        }
    }

    /** One method's restoration: 1-letter spans right, held-out letters right, mean span CER, visible letters correct (a share, or "–" without distributions), seconds. */
    record Row(String name, int singleRight, int singles, int lettersRight, int letters, double meanCer, Object visible, double secs) {
        Object[] cells() {
            return new Object[] {name, (double) singleRight / singles, singleRight + "/" + singles, (double) lettersRight / letters, lettersRight + "/" + letters,
                    meanCer, visible, secs};
        }
    }

    private static AunnModel loaded(Path base, AunnConfig cfg, Corpus corpus) {
        AunnConfig c = Snapshot.readHeader(base).config();
        AunnModel model = new AunnModel(c);
        try (AunnTrainer t = new AunnTrainer(model)) {
            Snapshot.restore(base, t, corpus, Snapshot.Mode.RESUME);
        }
        return model;
    }

    private static Row distilled(String name, Path base, AunnConfig cfg, Corpus corpus, List<PapyrusRecord> records, List<String> truths,
                                 List<Teaching> teachings, LmCritic critic, DistillOptions o, long t, Progress progress) {
        AunnConfig c = Snapshot.readHeader(base).config();
        try (AunnModel model = new AunnModel(c); AunnTrainer trainer = new AunnTrainer(model)) {
            Snapshot.restore(base, trainer, corpus, Snapshot.Mode.RESUME);
            try (Distiller d = new Distiller(trainer, corpus, records, teachings, critic, o)) {
                d.run((s, r) -> {
                    if (s % 50 == 0) progress.log(String.format("%s step %d: targets %.3f b/B critic %.3f", name, s, r.targetBits(), r.criticLogLikPerLetter()));
                });
            }
            List<double[][]> after = new ArrayList<>();
            for (PapyrusRecord r : records) after.add(Distiller.letterDistributions(model, r));
            return score(name, records, truths, i -> argmaxFill(records.get(i), after.get(i)), after, t);
        }
    }

    private static String argmaxFill(PapyrusRecord r, double[][] dist) {
        char[] out = r.letters().toCharArray();
        for (int i = 0; i < out.length; i++) if (!r.visible(i)) out[i] = Distiller.argmax(dist[i]);
        return new String(out);
    }

    private static Row score(String name, List<PapyrusRecord> records, List<String> truths, Function<Integer, String> fill, List<double[][]> dists, long t0) {
        int singleRight = 0, singles = 0, right = 0, total = 0, visRight = 0, vis = 0;
        double cerSum = 0;
        int spans = 0;
        for (int i = 0; i < records.size(); i++) {
            PapyrusRecord r = records.get(i);
            String f = fill.apply(i), truth = truths.get(i);
            for (int[] s : r.hiddenSpans()) {
                int err = 0;
                for (int k = s[0]; k < s[1]; k++) {
                    boolean ok = f.charAt(k) == truth.charAt(k);
                    if (ok) right++; else err++;
                    total++;
                }
                if (s[1] - s[0] == 1) { singles++; if (err == 0) singleRight++; }
                cerSum += (double) err / (s[1] - s[0]);
                spans++;
            }
            if (dists != null) for (int k = 0; k < r.length(); k++) if (r.visible(k)) { vis++; if (Distiller.argmax(dists.get(i)[k]) == truth.charAt(k)) visRight++; }
        }
        Object visible = dists == null ? "–" : (Object) ((double) visRight / vis);
        return new Row(name, singleRight, singles, right, total, cerSum / spans, visible, (System.nanoTime() - t0) / 1e9);
    }
}
