package org.scrollwork.prior;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * A character Transformer for lacunae (an {@link InfillModel}): it reads a window of up to
 * {@link CharTransformerConfig#window()} symbols — the left context, the gap with its unknown letters as mask symbols,
 * the right context — and predicts the letter at every masked position from both sides (a pre-LN encoder in DJL,
 * {@link CharTransformerBlock}; trained span-masked, {@link CharTransformerTrainer}).
 *
 * <p>Layout of one input: as much right context as half the room beside the gap (more when the left context is
 * short), the rest left context; positions start at 0 with the first letter kept. Not thread-safe; close it to free
 * native memory.
 */
public final class CharTransformer implements InfillModel, AutoCloseable {

    static {
        // as for CharLm: one intra-op thread unless the caller says otherwise (a shared 2-core machine)
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Inputs per forward call at inference. */
    static final int MAX_BATCH = 256;

    private final Model model;
    private final CharTransformerBlock block;

    CharTransformer(Model model, CharTransformerBlock block) {
        this.model = model;
        this.block = block;
    }

    /** A model with freshly initialised parameters (seeded). */
    public static CharTransformer create(CharTransformerConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        CharTransformerBlock block = new CharTransformerBlock(config);
        Model model = Model.newInstance("chartransformer");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.window()));
        block.initialisePositions();
        return new CharTransformer(model, block);
    }

    /**
     * Trains a new model span-masked on {@code texts}; validation masked-letter bits are measured every
     * {@value CharTransformerTrainer#EVAL_EVERY} steps and at the end, and the best parameters are kept. With
     * {@code checkpointing} (null = none) the run is checkpointed and resumed as a {@link CharLm} run is.
     */
    public static CharTransformer train(List<String> texts, List<String> validation, CharTransformerConfig config,
                                        CharTransformerTraining training, Consumer<String> log, Consumer<CharLmProgress> progress,
                                        CharLmCheckpointing checkpointing) {
        CharTransformer tf = create(config, training.seed());
        try {
            new CharTransformerTrainer(tf, training, texts).train(validation, log, progress, checkpointing);
        } catch (RuntimeException e) {
            tf.close();
            throw e;
        }
        return tf;
    }

    /** Reads a model written by {@link #save}. @throws ModelFileException naming the file if it is unusable */
    public static CharTransformer load(Path file) { return CharTransformerFile.read(file); }

    /** Writes the model (config, parameters) atomically. @throws ModelFileException naming the file */
    public void save(Path file) { CharTransformerFile.write(file, this); }

    public CharTransformerConfig config() { return block.config(); }

    Model model() { return model; }

    CharTransformerBlock block() { return block; }

    /** Trainable parameter count. */
    public long parameterCount() {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    @Override
    public int maxGap() { return config().window(); }

    @Override
    public String describe() {
        CharTransformerConfig c = config();
        return "Transformer " + c.layers() + "x" + c.dim() + " (" + c.heads() + " heads, window " + c.window() + "), "
                + parameterCount() + " parameters";
    }

    /** Logits (B, T, alphabet) for symbols (B, T), inference mode, owned by {@code m}. */
    NDArray logits(NDManager m, int[] flat, int b, int t, float[] keep) {
        NDArray x = m.create(flat, new Shape(b, t));
        NDList in = keep == null ? new NDList(x) : new NDList(x, m.create(keep, new Shape(b, t)));
        return block.forward(new ParameterStore(model.getNDManager(), false), in, false).head();
    }

    @Override
    public List<double[][]> gapLogProbs(String left, List<String> gaps, String right) {
        if (gaps.isEmpty()) return List.of();
        int g = gaps.get(0).length();
        if (g < 1 || g > maxGap()) throw new IllegalArgumentException("gap length must be 1.." + maxGap() + ", was " + g);
        int room = config().window() - g;
        int r = Math.min(right.length(), Math.max(room / 2, room - left.length()));
        int l = Math.min(left.length(), room - r);
        int[] leftSym = CharModel.encode(left.substring(left.length() - l)), rightSym = CharModel.encode(right.substring(0, r));
        int t = l + g + r, v = CharModel.ALPHABET_SIZE;
        List<double[][]> out = new ArrayList<>(gaps.size());
        for (int from = 0; from < gaps.size(); from += MAX_BATCH) {
            List<String> batch = gaps.subList(from, Math.min(gaps.size(), from + MAX_BATCH));
            int[] flat = new int[batch.size() * t];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(leftSym, 0, flat, i * t, l);
                System.arraycopy(gapSymbols(batch.get(i), g), 0, flat, i * t + l, g);
                System.arraycopy(rightSym, 0, flat, i * t + l + g, r);
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray lp = logits(m, flat, batch.size(), t, null).get(":, " + l + ":" + (l + g) + ", :").logSoftmax(-1);
                float[] f = lp.toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    double[][] rows = new double[g][v];
                    for (int p = 0; p < g; p++) {
                        char c = batch.get(i).charAt(p);
                        if (c == UNKNOWN) {
                            for (int a = 0; a < v; a++) rows[p][a] = f[(i * g + p) * v + a];
                        } else {
                            java.util.Arrays.fill(rows[p], Double.NEGATIVE_INFINITY);
                            rows[p][PapyrusText.letterIndex(c)] = 0;
                        }
                    }
                    out.add(rows);
                }
            }
        }
        return out;
    }

    private int[] gapSymbols(String gap, int length) {
        if (gap.length() != length) throw new IllegalArgumentException("gaps differ in length: " + gap.length() + " and " + length);
        int[] s = new int[length];
        for (int i = 0; i < length; i++) {
            char c = gap.charAt(i);
            s[i] = c == UNKNOWN ? config().maskSymbol() : PapyrusText.letterIndex(c);
            if (s[i] < 0) throw new IllegalArgumentException("not a papyrus letter or '" + UNKNOWN + "' at " + i + ": '" + c + "'");
        }
        return s;
    }

    /** Windows of the fixed validation measure ({@link #heldOutBits}). */
    public static final int VALIDATION_WINDOWS = 256;
    /** Seed of the fixed validation measure. */
    public static final long VALIDATION_SEED = 12345;

    /**
     * The held-out measure used for validation while training and by {@code lm eval}: {@link #maskedBits} over
     * {@value #VALIDATION_WINDOWS} windows drawn with seed {@value #VALIDATION_SEED}; NaN when no text is as long as the window.
     */
    public double heldOutBits(List<String> texts) {
        if (texts.stream().noneMatch(t -> t.length() >= config().window())) return Double.NaN;
        return maskedBits(texts, VALIDATION_WINDOWS, VALIDATION_SEED);
    }

    /**
     * Mean bits per masked letter over {@code windows} span-masked windows drawn from {@code texts} as in training
     * (seeded by {@code seed}; the same windows for the same arguments): the validation measure.
     */
    public double maskedBits(List<String> texts, int windows, long seed) {
        MaskedWindows source = new MaskedWindows(texts, config());
        SplitMix64 rnd = new SplitMix64(seed);
        double nats = 0;
        long n = 0;
        int w = config().window(), v = CharModel.ALPHABET_SIZE;
        for (int done = 0; done < windows; done += 32) {
            MaskedWindows.Batch b = source.draw(Math.min(32, windows - done), rnd);
            try (NDManager m = model.getNDManager().newSubManager()) {
                float[] lp = logits(m, b.input(), b.size(), w, b.keep()).logSoftmax(-1).toFloatArray();
                for (int j = 0; j < b.weight().length; j++) {
                    if (b.weight()[j] == 0) continue;
                    nats -= lp[j * v + b.target()[j]];
                    n++;
                }
            }
        }
        return nats / n / Math.log(2);
    }

    @Override
    public void close() { model.close(); }
}
