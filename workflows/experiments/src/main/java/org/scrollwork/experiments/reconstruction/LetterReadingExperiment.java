package org.scrollwork.experiments.reconstruction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.phantom.GreekText;
import org.scrollwork.phantom.GroundTruth;
import org.scrollwork.phantom.LetterTruth;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomLevel;
import org.scrollwork.phantom.VoxelBox;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.letters.CharacterErrorRate;
import org.scrollwork.pipeline.letters.LetterEvidence;
import org.scrollwork.pipeline.letters.LetterReader;
import org.scrollwork.pipeline.letters.LetterSequenceDecoder;
import org.scrollwork.pipeline.report.Plots;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.GreekCorpusFetcher;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PapyrusText;

/**
 * Cross-record prediction of letters: the phantom's 4 µm scan (54 keV) and its letter label volume (0 = no ink,
 * 1..24 = letter number) in one corpus with equal padded shapes (indices differ only in the block bits). The letter
 * labels of the half x ≥ nx/2 are held out; the AUNN trains on the whole scan and the other half of the labels.
 *
 * <p>Letters are read along the text path at the ground-truth letter boxes (level 0). A letter with any labelled voxel
 * in the known half counts as known (its label is visible); a letter whose box lies wholly in the held-out half is a
 * test letter. Readers of a test letter:
 * <ul>
 *   <li>AUNN, mass: {@link LetterReader#byMass} of its predicted label distributions over the box's voxels;
 *       AUNN, vote: {@link LetterReader#byVote}.</li>
 *   <li>Template: {@link TemplateLetterClassifier}, nearest template on the scan's grey values in the box,
 *       templates from the known letters.</li>
 * </ul>
 * With the language prior: a 6-gram modified Kneser-Ney {@link NgramModel} counted on the SBLGNT training books when
 * they are cached in {@code ~/.cache/scrollwork/greek} (the phantom writes Plato, which is not in them), else on the
 * opening of the Iliad; {@link LetterSequenceDecoder} (product of experts, beam 64) over the whole text with the known
 * letters fixed. Also the prior alone (reader weight 0), the most frequent known letter, and chance (23/24).
 *
 * <pre>
 * bin/scrollwork experiment letter-reading [--set steps=200 --set batch=1024]
 * </pre>
 * Settings: {@link LetterReadingConfig}. Plots {@code letters-slice.png} (scan, true and predicted labels).
 */
public final class LetterReadingExperiment implements Experiment {

    private static final int ORDER = 6, BEAM = 64;

    @Override public String name() { return "letter-reading"; }

    @Override public String summary() {
        return "letters of a held-out half of the phantom's letter labels read by the AUNN, a grey-value template and either with a 6-gram prior";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        LetterReadingConfig config = LetterReadingConfig.from(settings);
        int steps = config.steps(), batch = config.batch();
        long tAll = System.nanoTime();
        Phantom phantom = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = phantom.fine();
        GroundTruth gt = phantom.groundTruth();
        int nx = (int) fine.shape()[0], ny = (int) fine.shape()[1], nz = (int) fine.shape()[2];
        double[] grey = MultiResolutionExperiment.values(fine.scans().get(0));
        int half = nx / 2;
        List<LetterTruth> letters = gt.letters();
        int n = letters.size();
        boolean[] test = new boolean[n], empty = new boolean[n];
        for (int i = 0; i < n; i++) {
            VoxelBox b = letters.get(i).boxes().get(0);
            empty[i] = b.isEmpty();
            test[i] = !b.isEmpty() && b.minX() >= half;
        }
        int nTest = 0, nEmpty = 0;
        for (int i = 0; i < n; i++) { if (test[i]) nTest++; if (empty[i]) nEmpty++; }
        String setup = String.format(Locale.ROOT, "phantom %s, 4 µm scan %d×%d×%d: %d letters written, %d test letters (box wholly in x ≥ %d), %d known, %d left no voxel",
                gt.scrollId(), nx, ny, nz, n, nTest, half, n - nTest - nEmpty, nEmpty);
        progress.log(setup);

        // ---- the AUNN
        double[][] aunnMass = new double[n][], aunnVote = new double[n][];
        double[] slicePred;
        int zSlice = -1;
        for (int i = 0; i < n && zSlice < 0; i++) if (test[i]) { VoxelBox b = letters.get(i).boxes().get(0); zSlice = (b.minZ() + b.maxZ()) / 2; }
        String aunnNote;
        AtomicFiles.deleteTree(workDir.resolve("corpus"));
        AtomicFiles.deleteTree(workDir.resolve("train"));
        try (Corpus corpus = Corpus.create(workDir.resolve("corpus"), CorpusOptions.defaults())) {
            CorpusRecord scanRec = corpus.appendVolume(fine.scans().get(0), RecordMeta.of("ct", fine.scans().get(0).meta()), OptionalInt.empty());
            CorpusRecord labRec = corpus.appendVolume(fine.letters(), RecordMeta.of("letterlabels", fine.letters().meta()), OptionalInt.of(scanRec.id()));
            corpus.mask(labRec.id(), new Box(half, 0, 0, nx, ny, nz), Role.HELD_OUT);
            AunnConfig model = AunnConfig.defaults().withShape(256, 4).withBatchSize(batch).withOptim(2e-3, Math.min(100, steps / 5), steps, 0).withSeed(1);
            long t0 = System.nanoTime();
            TrainingRun.Metrics m = TrainingRun.run(corpus, model, workDir.resolve("train"),
                    new TrainingRun.Options(TrainingDefaults.SCHEDULE, Math.max(1, steps / 5), steps, 8192), x ->
                            progress.log(String.format(Locale.ROOT, "  step %d: train %.3f, held-out letter labels %.3f bits/byte", x.step(), x.trainBits(), x.heldOutBits())));
            double seconds = (System.nanoTime() - t0) / 1e9;
            aunnNote = String.format(Locale.ROOT, "%d steps of %d, %.0f s, held-out labels %.3f bits/byte", m.step(), batch, seconds, m.heldOutBits());
            try (TrainedModel tm = TrainedModel.load(workDir.resolve("train"))) {
                for (int i = 0; i < n; i++) {
                    if (!test[i]) continue;
                    VoxelBox b = letters.get(i).boxes().get(0);
                    List<Long> idx = new ArrayList<>();
                    for (int z = b.minZ(); z <= b.maxZ(); z++) for (int y = b.minY(); y <= b.maxY(); y++) for (int x = b.minX(); x <= b.maxX(); x++) {
                        idx.add(labRec.indexOf(x, y, z, 0));
                    }
                    double[][] p = Predictor.distributions(tm.model(), idx.stream().mapToLong(Long::longValue).toArray(), 8192);
                    aunnMass[i] = LetterReader.byMass(p);
                    aunnVote[i] = LetterReader.byVote(p);
                }
                long[] sl = new long[(nx - half) * ny];
                int k = 0;
                for (int y = 0; y < ny; y++) for (int x = half; x < nx; x++) sl[k++] = labRec.indexOf(x, y, zSlice, 0);
                int[] am = Predictor.argmax(tm.model(), sl, 8192);
                slicePred = Arrays.stream(am).mapToDouble(v -> Math.min(v, 24)).toArray();
            }
        }

        // ---- the template baseline, templates from the known letters
        TemplateLetterClassifier templates = new TemplateLetterClassifier();
        int[] knownCount = new int[24];
        for (int i = 0; i < n; i++) {
            if (test[i] || empty[i]) continue;
            int l = letters.get(i).letterNumber() - 1;
            knownCount[l]++;
            templates.add(TemplateLetterClassifier.feature(grey, nx, ny, letters, i, 0), l);
        }
        double t = templates.fitTemperature();
        double[][] tmpl = new double[n][];
        for (int i = 0; i < n; i++) if (test[i]) tmpl[i] = templates.distribution(TemplateLetterClassifier.feature(grey, nx, ny, letters, i, 0));
        int mostFrequent = 0;
        for (int l = 1; l < 24; l++) if (knownCount[l] > knownCount[mostFrequent]) mostFrequent = l;

        // ---- the language prior
        long tLm = System.nanoTime();
        Path sblgnt = GreekCorpusFetcher.withDefaultCache().sblgntPath();
        List<String> lmTexts = new ArrayList<>();
        String lmName;
        if (Files.isRegularFile(sblgnt)) {
            for (GreekCorpus.Book b : GreekCorpus.fromSqlite(sblgnt).split().train()) lmTexts.add(b.letters());
            lmName = "SBLGNT training books 40–59";
        } else {
            lmTexts.add(GreekText.normalize(FinetuneExperiment.TEXT_B));
            lmName = "the opening of the Iliad (SBLGNT not cached)";
        }
        NgramModel lm = NgramModel.train(lmTexts, ORDER);
        String prior = String.format(Locale.ROOT, "language prior: %d-gram modified KN on %s, %d letters, %.1f s; template T = %.0f",
                ORDER, lmName, lmTexts.stream().mapToInt(String::length).sum(), (System.nanoTime() - tLm) / 1e9, t);
        progress.log(prior);

        String truth = pick(gt.text(), test);
        progress.log("test letters (text order): " + truth);
        Readings table = new Readings(new ResultTable(setup + "; " + prior + "; test letters (text order): " + truth,
                List.of("reading the " + nTest + " test letters", "letters wrong", "wrong / test letters", "CER (edit distance)", "changed by the prior")),
                truth, gt.text(), test, empty, progress);
        table.read("AUNN alone, probability mass over the box (" + aunnNote + ")", pick(bestLetters(aunnMass, gt.text()), test));
        table.read("AUNN alone, voxel vote", pick(bestLetters(aunnVote, gt.text()), test));
        LetterSequenceDecoder withPrior = new LetterSequenceDecoder(lm, BEAM, 1.0, ORDER - 1);
        table.decoded("AUNN (mass) × " + ORDER + "-gram prior", withPrior, aunnMass);
        table.decoded("AUNN (vote) × " + ORDER + "-gram prior", withPrior, aunnVote);
        table.read("template on grey values (nearest template, known letters)", pick(bestLetters(tmpl, gt.text()), test));
        table.decoded("template × " + ORDER + "-gram prior", withPrior, tmpl);
        table.decoded(ORDER + "-gram prior alone (known letters as context)", new LetterSequenceDecoder(lm, BEAM, 0, ORDER - 1), null);
        table.read("most frequent known letter (" + GreekText.letter(mostFrequent + 1) + ")", String.valueOf(GreekText.letter(mostFrequent + 1)).repeat(nTest));
        table.table().row("chance (uniform over 24, expected)", 23.0 / 24, "–", "–", "–");

        // ---- panel: scan, true labels, predicted labels in slice zSlice of the held-out half
        int w = nx - half;
        double[] scanSl = new double[w * ny], truthSl = new double[w * ny];
        byte[] lab = PhantomLevel.voxels(fine.letters());
        for (int y = 0; y < ny; y++) for (int x = half; x < nx; x++) {
            int v = (zSlice * ny + y) * nx + x;
            scanSl[y * w + x - half] = grey[v] * 24 / 255.0;
            truthSl[y * w + x - half] = lab[v] & 0xff;
        }
        BufferedImage panel = Plots.panels(List.of(new Plots.Panel("scan z" + zSlice, scanSl, w, ny), new Plots.Panel("truth", truthSl, w, ny),
                new Plots.Panel("AUNN", slicePred, w, ny)), 0, 24);
        progress.log(String.format(Locale.ROOT, "whole run %.0f s", (System.nanoTime() - tAll) / 1e9));
        String headline = String.format(Locale.ROOT, "Of the %d test letters, the AUNN alone (mass) gets %d wrong, with the %d-gram prior %d; the grey-value template %d, with the prior %d.",
                nTest, table.wrong(0), ORDER, table.wrong(2), table.wrong(4), table.wrong(5));
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("testLetters", nTest);
        numbers.put("aunnMassWrong", table.wrong(0));
        numbers.put("aunnMassWithPriorWrong", table.wrong(2));
        return new ExperimentResult(headline, List.of(table.table()), Map.of("letters-slice", panel), numbers);
    }

    /** The table of readings of the test letters: each reader's letters scored against the truth. */
    private static final class Readings {
        private final ResultTable table;
        private final String truth, text;
        private final boolean[] test, empty;
        private final Progress progress;
        private final List<Integer> wrong = new ArrayList<>();

        Readings(ResultTable table, String truth, String text, boolean[] test, boolean[] empty, Progress progress) {
            this.table = table;
            this.truth = truth;
            this.text = text;
            this.test = test;
            this.empty = empty;
            this.progress = progress;
        }

        ResultTable table() {
            return table;
        }

        /** Letters wrong in the {@code row}-th reading. */
        int wrong(int row) {
            return wrong.get(row);
        }

        void read(String name, String read) {
            row(name, read, "–");
        }

        private void row(String name, String read, String changed) {
            progress.log(String.format(Locale.ROOT, "  %s: %s", name, read));
            int w = 0;
            for (int i = 0; i < truth.length(); i++) if (truth.charAt(i) != read.charAt(i)) w++;
            wrong.add(w);
            table.row(name, w / (double) truth.length(), w + "/" + truth.length(), CharacterErrorRate.of(truth, read), changed);
        }

        /** The whole text decoded with the prior: known letters fixed, test letters from {@code reads} (null: uniform, the prior alone). */
        void decoded(String name, LetterSequenceDecoder d, double[][] reads) {
            List<LetterEvidence> ev = new ArrayList<>();
            double[] uniform = new double[24];
            Arrays.fill(uniform, 1);
            for (int i = 0; i < text.length(); i++) {
                if (test[i]) ev.add(new LetterEvidence.Read(reads == null ? uniform : reads[i]));
                else if (empty[i]) ev.add(new LetterEvidence.Read(uniform));
                else ev.add(new LetterEvidence.Known(text.charAt(i)));
            }
            long t0 = System.nanoTime();
            LetterSequenceDecoder.Result r = d.decode(ev);
            int changedTest = 0;
            for (int i = 0; i < text.length(); i++) {
                if (test[i] && reads != null && ((LetterEvidence.Read) ev.get(i)).best() != r.letters().charAt(i)) changedTest++;
            }
            progress.log(String.format(Locale.ROOT, "  %s: decoded in %.2f s", name, (System.nanoTime() - t0) / 1e9));
            row(name, pick(r.letters(), test), reads == null ? "–" : changedTest + "/" + truth.length());
        }
    }

    /** The reader's best letter at each position with a distribution, the text's letter elsewhere. */
    private static String bestLetters(double[][] p, String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) sb.append(p[i] == null ? text.charAt(i) : PapyrusText.ALPHABET.charAt(LetterReader.best(p[i])));
        return sb.toString();
    }

    private static String pick(String s, boolean[] which) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) if (which[i]) sb.append(s.charAt(i));
        return sb.toString();
    }
}
