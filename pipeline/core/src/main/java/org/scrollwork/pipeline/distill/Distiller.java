package org.scrollwork.pipeline.distill;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.Targets;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;

/**
 * Distils a letter teacher into an AUNN ({@link DistillOptions} explains both routes). Owns neither the trainer nor the
 * critic's LM. Each step runs in its own sub-manager, so memory stays flat.
 */
public final class Distiller implements AutoCloseable {
    private final AunnTrainer trainer;
    private final IndexedByteSource source;
    private final List<PapyrusRecord> records;
    private final List<Teaching> teachings;
    private final LmCritic critic;
    private final DistillOptions opts;
    private final Random rnd;
    private final NDManager root;
    private final long totalLetters;
    private final long visibleLetters;

    /** Result of one step: the targets step's mean loss (bits per byte) and the critic's LM log-likelihood per scored letter (nats; NaN when off). */
    public record StepResult(double targetBits, double criticLogLikPerLetter) {}

    /**
     * @param teachings one per record (from a {@link LetterTeacher}); may be null when {@code alpha == 0} and
     *                  {@code embeddingWeight == 0}
     * @param critic    the frozen LM critic, or null when {@code criticWeight == 0}
     */
    public Distiller(AunnTrainer trainer, IndexedByteSource source, List<PapyrusRecord> records, List<Teaching> teachings, LmCritic critic,
                     DistillOptions opts) {
        if (records.isEmpty()) throw new IllegalArgumentException("no papyrus-form text records to distil into");
        boolean needTeacher = opts.alpha() > 0 || opts.embeddingWeight() > 0;
        if (needTeacher && (teachings == null || teachings.size() != records.size())) throw new IllegalArgumentException("need one teaching per record");
        if (opts.criticWeight() > 0 && critic == null) throw new IllegalArgumentException("critic weight > 0 needs a critic");
        int e = trainer.model().config().embeddingDim();
        if (opts.embeddingWeight() > 0) {
            int h = teachings.get(0).embeddingSize();
            if (h == 0) throw new IllegalArgumentException("embedding weight > 0 needs a teacher that gives embeddings");
            if (e != h) throw new IllegalArgumentException("the AUNN's embedding head has size " + e + ", the teacher's embeddings " + h);
        }
        this.trainer = trainer;
        this.source = source;
        this.records = List.copyOf(records);
        this.teachings = teachings == null ? null : List.copyOf(teachings);
        this.critic = critic;
        this.opts = opts;
        this.rnd = new Random(opts.seed());
        this.root = NDManager.newBaseManager(trainer.model().device());
        this.totalLetters = records.stream().mapToLong(PapyrusRecord::length).sum();
        long vis = 0;
        for (PapyrusRecord r : records) for (int i = 0; i < r.length(); i++) if (r.visible(i)) vis++;
        this.visibleLetters = vis;
    }

    /** Runs {@code opts.steps()} steps; {@code progress} gets (step number from 1, result). */
    public StepResult run(java.util.function.BiConsumer<Integer, StepResult> progress) {
        StepResult last = null;
        for (int s = 1; s <= opts.steps(); s++) {
            last = step();
            progress.accept(s, last);
        }
        return last;
    }

    /** One targets step, then one critic step when the critic is on. */
    public StepResult step() {
        double bits = targetsStep();
        double ll = opts.criticWeight() > 0 ? criticStep() : Double.NaN;
        return new StepResult(bits, ll);
    }

    /** The targets route's step (see {@link DistillOptions}); returns its mean loss in bits per byte. */
    public double targetsStep() {
        int e = trainer.model().config().embeddingDim();
        boolean embed = opts.embeddingWeight() > 0;
        List<long[]> picks = new ArrayList<>();   // (record, letter)
        boolean anyEligible = opts.alpha() > 0 || visibleLetters > 0;
        while (anyEligible && picks.size() < opts.batchLetters()) {
            long g = (long) (rnd.nextDouble() * totalLetters);
            int r = 0;
            while (g >= records.get(r).length()) g -= records.get(r++).length();
            if (!records.get(r).visible((int) g) && opts.alpha() == 0) continue;
            picks.add(new long[] {r, g});
        }
        long trainCount = source.count(Role.TRAIN);
        int nl = picks.size(), anchors = trainCount > 0 && !embed ? Math.max(nl, 1) : 0, n = 2 * nl + anchors;
        if (n == 0) throw new IllegalStateException("nothing to train on: no letters and no trainable bytes");
        long[] idx = new long[n];
        float[] soft = new float[n * 256];
        float[] emb = embed ? new float[n * e] : null;
        for (int i = 0; i < nl; i++) {
            PapyrusRecord rec = records.get((int) picks.get(i)[0]);
            int letter = (int) picks.get(i)[1];
            idx[2 * i] = rec.leadIndex(letter);
            idx[2 * i + 1] = rec.continuationIndex(letter);
            soft[2 * i * 256 + LetterBytes.LEAD] = 1f;
            int cont = (2 * i + 1) * 256;
            Teaching t = teachings == null ? null : teachings.get((int) picks.get(i)[0]);
            if (rec.visible(letter)) {
                soft[cont + LetterBytes.continuation(PapyrusText.letterIndex(rec.letters().charAt(letter)))] += (float) (1 - opts.alpha());
                if (opts.alpha() > 0) LetterBytes.putOnContinuation(t.letterProbs()[letter], soft, cont, (float) opts.alpha());
            } else {
                LetterBytes.putOnContinuation(t.letterProbs()[letter], soft, cont, 1f);
            }
            if (embed) {
                System.arraycopy(t.hidden()[letter], 0, emb, 2 * i * e, e);
                System.arraycopy(t.hidden()[letter], 0, emb, (2 * i + 1) * e, e);
            }
        }
        for (int i = 0; i < anchors; i++) {
            long k = (long) (rnd.nextDouble() * trainCount);
            long at = source.index(Role.TRAIN, k);
            idx[2 * nl + i] = at;
            soft[(2 * nl + i) * 256 + source.byteAt(at)] = 1f;
        }
        Targets targets = new Targets(null, soft, emb, embed ? opts.embeddingWeight() : 0);
        return trainer.step(idx, targets, opts.lr()).meanBits();
    }

    /** The critic route's step: one AdamW update on minus the critic's log-likelihood; returns it per scored letter (nats). */
    public double criticStep() {
        List<LmCritic.Window> windows = LmCritic.sample(records, opts.criticWindows(), rnd);
        if (windows.isEmpty()) return Double.NaN;
        AunnModel model = trainer.model();
        try (NDManager sm = root.newSubManager()) {
            double ll;
            int m;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                LmCritic.Score s = critic.score(sm, model, windows);
                m = Math.max(1, s.scoredLetters());
                NDArray loss = s.logLikelihood().div((float) m).neg().mul((float) opts.criticWeight());
                // every parameter needs a gradient for AdamW: touch the whole network with zero weight
                AunnModel.Output o = model.forward(sm, new long[] {windows.get(0).record().leadIndex(0)}, false);
                loss = loss.add(o.logits().sum().mul(0f));
                if (o.embedding() != null) loss = loss.add(o.embedding().sum().mul(0f));
                gc.backward(loss);
                ll = s.logLikelihood().getFloat() / m;
            }
            trainer.optimizer().update(sm, opts.lr());
            trainer.setStep(trainer.step() + 1);
            return ll;
        }
    }

    /**
     * The AUNN's letter distribution (24 per letter, from its continuation-byte logits) at every letter of a record.
     */
    public static double[][] letterDistributions(AunnModel model, PapyrusRecord record) {
        long[] idx = new long[record.length()];
        for (int i = 0; i < idx.length; i++) idx[i] = record.continuationIndex(i);
        float[] logits = Predictor.logits(model, idx, 4096);
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = LetterBytes.letterDistribution(logits, i * 256);
        return out;
    }

    /** The most probable letter of a distribution over the alphabet. */
    public static char argmax(double[] letterProbs) {
        int best = 0;
        for (int k = 1; k < CharModel.ALPHABET_SIZE; k++) if (letterProbs[k] > letterProbs[best]) best = k;
        return PapyrusText.ALPHABET.charAt(best);
    }

    @Override public void close() { root.close(); }
}
