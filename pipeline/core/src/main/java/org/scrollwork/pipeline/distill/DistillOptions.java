package org.scrollwork.pipeline.distill;

/**
 * How the language prior is distilled into the AUNN.
 *
 * <p>Targets route (each step): a batch of {@code batchLetters} letters of the papyrus records, both bytes of each; at a
 * visible letter the continuation byte's target is {@code alpha * teacher + (1 - alpha) * true byte}, at a hidden letter
 * the teacher alone (only when {@code alpha > 0}); lead bytes are their true (structural) byte. The same number of
 * uniformly drawn trainable corpus indices with their true bytes keep the rest of the corpus from drifting. With an
 * embedding head, {@code embeddingWeight} weighs the regression onto the teacher's hidden state (both bytes of a letter
 * regress onto the state that predicts it); the anchors are then left out, since they have no embedding target and
 * the trainer's embedding loss covers every row.
 *
 * <p>Critic route (each step, when {@code criticWeight > 0}): {@code criticWindows} windows around hidden spans; the
 * AUNN's soft letter predictions at hidden letters are fed to the frozen LM; minus its log-likelihood of them, times
 * {@code criticWeight}, is back-propagated into the AUNN.
 *
 * @param alpha           weight of the teacher in the byte targets, in [0, 1]
 * @param embeddingWeight weight of the embedding regression, >= 0 (0 = off)
 * @param criticWeight    weight of the critic loss, >= 0 (0 = off)
 * @param steps           distillation steps, >= 1
 * @param batchLetters    letters per targets step, >= 1
 * @param criticWindows   windows per critic step, >= 1
 * @param lr              learning rate (constant)
 * @param seed            seeds the batches
 */
public record DistillOptions(double alpha, double embeddingWeight, double criticWeight, int steps, int batchLetters, int criticWindows,
                             double lr, long seed) {
    public DistillOptions {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1]: " + alpha);
        if (!(embeddingWeight >= 0)) throw new IllegalArgumentException("embedding weight must be >= 0: " + embeddingWeight);
        if (!(criticWeight >= 0)) throw new IllegalArgumentException("critic weight must be >= 0: " + criticWeight);
        if (steps < 1 || batchLetters < 1 || criticWindows < 1) throw new IllegalArgumentException("steps and batch sizes must be positive");
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be positive: " + lr);
    }

    /** Letters of left and right context around a hidden span in a critic window. */
    public static final int CRITIC_LEFT = 24, CRITIC_RIGHT = 8;
}
