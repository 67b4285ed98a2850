package org.scrollwork.aunn.model;

/**
 * Everything that defines an AUNN and its training run. Validated on construction; binds to and
 * from JSON with Jackson (snapshots store it).
 *
 * <p>Architecture: {@code indexBits -> width}, {@code depth} pre-LayerNorm residual blocks
 * {@code x + W2 gelu(W1 LN(x))} with hidden width equal to {@code width} (not 4x: the AUNN is
 * updated one index at a time in serial mode, where a narrow hidden layer halves the latency;
 * {@link Growth} widens later), a final LayerNorm, a 256-way byte head, and, when
 * {@code embeddingDim > 0}, an embedding head. {@code memoryUnits > 0} adds a learned constant
 * input vector of that length, projected into the residual stream, trained with
 * {@code lr * memoryLrMultiplier}.
 *
 * @param indexBits          width of the index in bits (1..62), 40 by default
 * @param width              residual stream width (and hidden width)
 * @param depth              number of residual blocks (0 allowed)
 * @param embeddingDim       size of the embedding head; 0 = none
 * @param memoryUnits        length of the implicit memory vector; 0 = none
 * @param memoryLrMultiplier learning-rate multiplier of the memory parameters (positive)
 * @param dropout            dropout rate on the hidden activations, in [0, 1)
 * @param weightDecay        AdamW decoupled weight decay (matrices only, not biases/norms)
 * @param lr                 peak learning rate
 * @param warmupSteps        linear warm-up steps
 * @param totalSteps         steps of the training run and of its cosine decay (to 10% of peak): the one step count a
 *                           run trains ({@code TrainingRun} stops there); a trainer driven past it stays at the floor
 * @param batchSize          default batch size of schedules
 * @param gradClip           global gradient-norm clip; 0 = none
 * @param seed               seeds initialisation, schedules and dropout
 * @param encoding           how the index becomes input bits
 * @param body               the blocks' feed-forward part: the dense MLP (default; null in JSON means it, so
 *                           snapshots written before this field load unchanged) or a sigma-MoE
 */
public record AunnConfig(int indexBits, int width, int depth, int embeddingDim, int memoryUnits, double memoryLrMultiplier,
                         double dropout, double weightDecay, double lr, int warmupSteps, int totalSteps, int batchSize,
                         double gradClip, long seed, EncodingSpec encoding, BodySpec body) {

    public AunnConfig {
        require(indexBits >= 1 && indexBits <= 62, "indexBits must be in 1..62: " + indexBits);
        require(width >= 1, "width must be positive: " + width);
        require(depth >= 0, "depth must be >= 0: " + depth);
        require(embeddingDim >= 0, "embeddingDim must be >= 0: " + embeddingDim);
        require(memoryUnits >= 0, "memoryUnits must be >= 0: " + memoryUnits);
        require(memoryLrMultiplier > 0, "memoryLrMultiplier must be positive: " + memoryLrMultiplier);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1): " + dropout);
        require(weightDecay >= 0, "weightDecay must be >= 0: " + weightDecay);
        require(lr > 0, "lr must be positive: " + lr);
        require(warmupSteps >= 0, "warmupSteps must be >= 0: " + warmupSteps);
        require(totalSteps >= 1, "totalSteps must be positive: " + totalSteps);
        require(batchSize >= 1, "batchSize must be positive: " + batchSize);
        require(gradClip >= 0, "gradClip must be >= 0: " + gradClip);
        if (encoding == null) encoding = EncodingSpec.binary();
        encoding.create(indexBits); // validates the field widths
        if (body == null) body = BodySpec.mlp();
    }

    /** A config with the dense MLP body (the form before {@link BodySpec} existed). */
    public AunnConfig(int indexBits, int width, int depth, int embeddingDim, int memoryUnits, double memoryLrMultiplier,
                      double dropout, double weightDecay, double lr, int warmupSteps, int totalSteps, int batchSize,
                      double gradClip, long seed, EncodingSpec encoding) {
        this(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize,
                gradClip, seed, encoding, BodySpec.mlp());
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** Defaults: 40 bits, 4 x 512, no heads beyond bytes, AdamW 1e-3, batch 4096, binary encoding. */
    public static AunnConfig defaults() {
        return new AunnConfig(40, 512, 4, 0, 0, 10.0, 0.0, 0.01, 1e-3, 100, 10_000, 4096, 1.0, 1L, EncodingSpec.binary());
    }

    public AunnConfig withIndexBits(int v) { return new AunnConfig(v, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, encoding, body); }
    public AunnConfig withShape(int w, int d) { return new AunnConfig(indexBits, w, d, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, encoding, body); }
    public AunnConfig withHeads(int emb, int mem) { return new AunnConfig(indexBits, width, depth, emb, mem, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, encoding, body); }
    public AunnConfig withOptim(double learningRate, int warmup, int total, double decay) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, decay, learningRate, warmup, total, batchSize, gradClip, seed, encoding, body); }
    public AunnConfig withBatchSize(int v) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, v, gradClip, seed, encoding, body); }
    public AunnConfig withSeed(long v) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, v, encoding, body); }
    public AunnConfig withDropout(double v) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, v, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, encoding, body); }
    public AunnConfig withEncoding(EncodingSpec v) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, v, body); }

    public AunnConfig withBody(BodySpec v) { return new AunnConfig(indexBits, width, depth, embeddingDim, memoryUnits, memoryLrMultiplier, dropout, weightDecay, lr, warmupSteps, totalSteps, batchSize, gradClip, seed, encoding, v); }

    /** Values the first layer receives per index. */
    public int inputSize() { return encoding.inputSize(indexBits); }

    /** This config with its encoding reading indices through {@code layout} (the geometry embedding; others unchanged). */
    public AunnConfig withLayout(org.scrollwork.aunn.data.IndexLayout layout) { return withEncoding(encoding.boundTo(layout)); }

    /** True when the two configs describe the same parameter shapes and input encoding (the layout may differ). */
    public boolean sameArchitecture(AunnConfig o) {
        return indexBits == o.indexBits && width == o.width && depth == o.depth && embeddingDim == o.embeddingDim
                && memoryUnits == o.memoryUnits && encoding.sameShape(o.encoding)
                && body.kind() == o.body.kind() && body.experts() == o.body.experts() && body.topK() == o.body.topK()
                && body.expertWidth() == o.body.expertWidth();
    }
}
