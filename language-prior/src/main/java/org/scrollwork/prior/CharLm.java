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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A character-level causal language model over the 24 papyrus letters: a GRU in DJL (PyTorch engine).
 *
 * <p>Every text is read from the zero state after a start symbol, so the empty context means "nothing visible yet".
 * Besides the {@link CharModel} contract it gives, for a whole text, the next-letter distribution and the hidden
 * state at every position ({@link #encode}), the soft targets and embeddings for distillation.
 *
 * <p>Costs: inference runs in chunks of {@value #CHUNK} letters and batches of up to {@value #MAX_BATCH} sequences, each in
 * its own NDManager sub-manager, so memory stays flat. Not thread-safe. Close it to free the native memory.
 */
public final class CharLm implements CharModel, AutoCloseable {

    static {
        // PyTorch's intra-op thread pool oversubscribes a small shared machine: 2 threads under load ran a training
        // step 30x slower than 1. Callers who own the machine set ai.djl.pytorch.num_threads before first use.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    static final int CHUNK = 1024;
    static final int MAX_BATCH = 2048;

    private final Model model;
    private final CharLmBlock block;

    CharLm(Model model, CharLmBlock block) {
        this.model = model;
        this.block = block;
    }

    /** A model with freshly initialised parameters (seeded). */
    public static CharLm create(CharLmConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        CharLmBlock block = new CharLmBlock(config);
        Model model = Model.newInstance("charlm");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
        return new CharLm(model, block);
    }

    /**
     * Trains a new model on the given texts (letters only); {@code log} receives a progress line now and then.
     *
     * @throws IllegalArgumentException if no text is as long as a training window
     */
    public static CharLm train(List<String> texts, CharLmConfig config, CharLmTraining training, Consumer<String> log) {
        return train(texts, List.of(), config, training, log);
    }

    /**
     * Trains with early stopping: the validation texts are scored every 250 steps and at the end, and the returned
     * model has the parameters of the best score (the training texts and validation texts should be disjoint).
     */
    public static CharLm train(List<String> texts, List<String> validation, CharLmConfig config, CharLmTraining training,
                               Consumer<String> log) {
        return train(texts, validation, config, training, log, p -> { });
    }

    /** As {@link #train(List, List, CharLmConfig, CharLmTraining, Consumer)}, also reporting every step to {@code progress}. */
    public static CharLm train(List<String> texts, List<String> validation, CharLmConfig config, CharLmTraining training,
                               Consumer<String> log, Consumer<CharLmProgress> progress) {
        return train(texts, validation, config, training, log, progress, null);
    }

    /**
     * As {@link #train(List, List, CharLmConfig, CharLmTraining, Consumer, Consumer)}, checkpointing the run and resuming
     * it from its checkpoint file when there is one (see {@link CharLmCheckpointing}); {@code checkpointing} null = none.
     *
     * @throws ModelFileException naming the checkpoint file if it is unreadable or belongs to another run
     */
    public static CharLm train(List<String> texts, List<String> validation, CharLmConfig config, CharLmTraining training,
                               Consumer<String> log, Consumer<CharLmProgress> progress, CharLmCheckpointing checkpointing) {
        CharLm lm = create(config, training.seed());
        try {
            new CharLmTrainer(lm, training, texts).train(validation, log, progress, checkpointing);
        } catch (RuntimeException e) {
            lm.close();
            throw e;
        }
        return lm;
    }

    /** Reads a model written by {@link #save}. @throws ModelFileException naming the file if it is unusable */
    public static CharLm load(Path file) { return CharLmFile.read(file); }

    /** Writes the model (config, alphabet, parameters) atomically. @throws ModelFileException naming the file */
    public void save(Path file) { CharLmFile.write(file, this); }

    /** The model's shape. */
    public CharLmConfig config() { return block.config(); }

    Model model() { return model; }

    CharLmBlock block() { return block; }

    /** Trainable parameter count. */
    public long parameterCount() {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    @Override
    public String describe() {
        CharLmConfig c = config();
        return "GRU " + c.layers() + "x" + c.hiddenSize() + ", " + parameterCount() + " parameters";
    }

    /** Forward pass for inference: symbols (B, T) from {@code state} (or zero if null). */
    private NDList forward(NDManager m, int[][] symbols, NDArray state) {
        int b = symbols.length, t = symbols[0].length;
        int[] flat = new int[b * t];
        for (int i = 0; i < b; i++) System.arraycopy(symbols[i], 0, flat, i * t, t);
        NDArray x = m.create(flat, new Shape(b, t));
        NDList in = state == null ? new NDList(x) : new NDList(x, state.repeat(1, b));
        // a fresh store per call: a store caches parameter arrays, and loading parameters replaces them
        return block.forward(new ParameterStore(model.getNDManager(), false), in, false);
    }

    private int[] withStart(String text) {
        int[] s = CharModel.encode(text);
        int[] out = new int[s.length + 1];
        out[0] = config().startSymbol();
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }

    @Override
    public double[][] nextLogProbs(String left, List<String> suffixes) {
        double[][] out = new double[suffixes.size()][];
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList l = forward(m, new int[][] {withStart(left)}, null);
            NDArray state = l.get(1);
            double[] afterLeft = toDoubles(l.get(0).get("0, -1, :").logSoftmax(-1));
            for (Map.Entry<Integer, List<Integer>> g : byLength(suffixes).entrySet()) {
                if (g.getKey() == 0) {
                    for (int i : g.getValue()) out[i] = afterLeft.clone();
                    continue;
                }
                for (List<Integer> batch : chunks(g.getValue())) {
                    try (NDManager step = m.newSubManager()) {
                        int[][] sym = new int[batch.size()][];
                        for (int j = 0; j < sym.length; j++) sym[j] = CharModel.encode(suffixes.get(batch.get(j)));
                        NDArray lp = forward(step, sym, state).get(0).get(":, -1, :").logSoftmax(-1);
                        float[] v = lp.toFloatArray();
                        for (int j = 0; j < sym.length; j++) out[batch.get(j)] = slice(v, j * ALPHABET_SIZE, ALPHABET_SIZE);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public double[][] suffixLetterLogProbs(String left, List<String> suffixes) {
        double[][] out = new double[suffixes.size()][];
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList l = forward(m, new int[][] {withStart(left)}, null);
            NDArray state = l.get(1);
            double[] afterLeft = toDoubles(l.get(0).get("0, -1, :").logSoftmax(-1));
            for (Map.Entry<Integer, List<Integer>> g : byLength(suffixes).entrySet()) {
                int len = g.getKey();
                if (len == 0) {
                    for (int i : g.getValue()) out[i] = new double[0];
                    continue;
                }
                for (List<Integer> batch : chunks(g.getValue())) {
                    try (NDManager step = m.newSubManager()) {
                        int[][] sym = new int[batch.size()][];
                        int[][] in = new int[batch.size()][];
                        for (int j = 0; j < sym.length; j++) {
                            sym[j] = CharModel.encode(suffixes.get(batch.get(j)));
                            out[batch.get(j)] = new double[len];
                            out[batch.get(j)][0] = afterLeft[sym[j][0]];
                            in[j] = java.util.Arrays.copyOf(sym[j], len - 1);
                        }
                        if (len == 1) continue;
                        float[] lp = forward(step, in, state).get(0).logSoftmax(-1).toFloatArray();
                        for (int j = 0; j < sym.length; j++) {
                            for (int t = 1; t < len; t++) out[batch.get(j)][t] = lp[((j * (len - 1)) + t - 1) * ALPHABET_SIZE + sym[j][t]];
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public double[] textLetterLogProbs(String text) {
        float[][] p = encode(text, false).nextLetterProbs();
        int[] s = CharModel.encode(text);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) out[i] = Math.log(p[i][s[i]]);
        return out;
    }

    /**
     * The next-letter distribution and hidden state at every position of {@code text} (see {@link TextEncoding}),
     * read from the start symbol with the state carried through chunks of {@value #CHUNK} letters. Memory: two
     * float rows per letter on the heap.
     */
    public TextEncoding encode(String text) { return encode(text, true); }

    private TextEncoding encode(String text, boolean withHidden) {
        int[] s = withStart(text);
        int n = text.length(), h = config().hiddenSize();
        float[][] probs = new float[n][];
        float[][] hidden = new float[withHidden ? n : 0][];
        NDArray state = null;
        try (NDManager m = model.getNDManager().newSubManager()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);   // inputs s[from, to) predict letters from … to-1
                int[] chunk = java.util.Arrays.copyOfRange(s, from, to);
                NDManager step = m.newSubManager();
                NDList out = forward(step, new int[][] {chunk}, state);
                float[] p = out.get(0).softmax(-1).toFloatArray();
                float[] hv = withHidden ? out.get(2).toFloatArray() : null;
                for (int t = 0; t < chunk.length; t++) {
                    probs[from + t] = java.util.Arrays.copyOfRange(p, t * ALPHABET_SIZE, (t + 1) * ALPHABET_SIZE);
                    if (withHidden) hidden[from + t] = java.util.Arrays.copyOfRange(hv, t * h, (t + 1) * h);
                }
                NDArray next = out.get(1);
                next.attach(m);
                if (state != null) state.close();
                state = next;
                step.close();
            }
        }
        return new TextEncoding(probs, withHidden ? hidden : new float[n][0]);
    }

    private static Map<Integer, List<Integer>> byLength(List<String> suffixes) {
        Map<Integer, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < suffixes.size(); i++) g.computeIfAbsent(suffixes.get(i).length(), k -> new ArrayList<>()).add(i);
        return g;
    }

    private static List<List<Integer>> chunks(List<Integer> idx) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < idx.size(); i += MAX_BATCH) out.add(idx.subList(i, Math.min(idx.size(), i + MAX_BATCH)));
        return out;
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        return slice(f, 0, f.length);
    }

    private static double[] slice(float[] f, int from, int len) {
        double[] d = new double[len];
        for (int i = 0; i < len; i++) d[i] = f[from + i];
        return d;
    }

    /**
     * Differentiable forward pass from soft inputs, for using the model as a frozen critic: {@code soft} is (B, T,
     * {@link CharLmConfig#inputSymbols()}) float rows, each a distribution over the letters and the start symbol (a
     * hard symbol is a one-hot row), read from the zero state. Returns the next-letter logits (B, T, alphabet), owned
     * by {@code m}. Inside a gradient collector the gradient flows back into {@code soft}; the model's parameters are
     * not updated by anything here (they do accumulate gradients, which nothing reads).
     */
    public NDArray softLogits(NDManager m, NDArray soft) {
        if (soft.getShape().dimension() != 3 || soft.getShape().get(2) != config().inputSymbols())
            throw new IllegalArgumentException("soft inputs must be (B, T, " + config().inputSymbols() + "), were " + soft.getShape());
        NDArray logits = block.forward(new ParameterStore(model.getNDManager(), false), new NDList(soft), false).get(0);
        logits.attach(m);
        return logits;
    }

    @Override
    public void close() { model.close(); }
}
