package org.scrollwork.experiments.aunn.refine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.train.AunnTrainer;

/**
 * Daydreaming (iterative refinement) of a masked region: predict the region (expected byte value), add
 * Gaussian noise to the prediction, retrain on it as if it were data (each step's batch is half real TRAIN
 * bytes drawn uniformly, half masked indices with their dreamed bytes), and repeat until the prediction
 * stops changing. The noise standard deviation falls linearly from {@code noise} in the first round to 0
 * at round {@code noiseRounds}, as in a diffusion sampler; later rounds add none. Changes the trainer's model.
 */
public final class Daydream {
    private Daydream() {}

    /**
     * @param maxRounds    rounds at most (each: predict, noise, retrain)
     * @param stepsPerRound training steps per round
     * @param batchSize    indices per step (half real, half dreamed)
     * @param noise        standard deviation of the first round's noise, in byte values
     * @param noiseRounds  rounds over which the noise falls to 0
     * @param tolerance    stop once the mean absolute change of the prediction between rounds is below this (byte values)
     * @param lr           learning rate of the retraining steps
     * @param seed         seeds noise and batches
     */
    public record Options(int maxRounds, int stepsPerRound, int batchSize, double noise, int noiseRounds, double tolerance, double lr, long seed) {
        public Options {
            if (maxRounds < 1 || stepsPerRound < 1 || batchSize < 2 || noise < 0 || noiseRounds < 1 || tolerance < 0 || lr <= 0) {
                throw new IllegalArgumentException("bad daydream options");
            }
        }
    }

    /**
     * The prediction before any daydreaming (round 0) and after each round, with the mean absolute change
     * between consecutive predictions (byte values; {@code changes.get(k)} is between rounds k and k + 1).
     */
    public record Result(List<double[]> predictions, List<Double> changes, boolean converged) {
        public double[] singlePass() { return predictions.get(0); }
        public double[] last() { return predictions.get(predictions.size() - 1); }
    }

    /**
     * Daydreaming of categorical bytes (text): the prediction is the most likely byte; the dreamed byte is
     * sampled from the predicted distribution at temperature {@code noise} in round 1, falling linearly to 0
     * (the most likely byte) at round {@code noiseRounds}. The change between rounds is the fraction of masked
     * bytes whose most likely value changed; {@code tolerance} is compared with that fraction.
     */
    public static Result runCategorical(AunnTrainer trainer, IndexedByteSource source, long[] masked, Options o) {
        return refine(trainer, source, masked, o, new Kind() {
            private double[][] dist;

            @Override public double[] predict(AunnTrainer t, long[] at) {
                dist = Predictor.distributions(t.model(), at, 4096);
                return argmax(dist);
            }

            @Override public int dream(int i, double current, double temperature, Random r) {
                return temperature <= 0 ? (int) current : sample(dist[i], temperature, r);
            }

            @Override public double change(double before, double after) { return before != after ? 1 : 0; }
        });
    }

    /**
     * Daydreaming of intensities (scan voxels): the prediction is the expected byte value; the dreamed byte is
     * the prediction plus Gaussian noise of standard deviation {@code noise} in round 1, falling linearly to 0 at
     * round {@code noiseRounds}, rounded and clamped to 0 … 255. The change between rounds is the mean absolute
     * change of the expected value.
     */
    public static Result run(AunnTrainer trainer, IndexedByteSource source, long[] masked, Options o) {
        return refine(trainer, source, masked, o, new Kind() {
            @Override public double[] predict(AunnTrainer t, long[] at) { return Predictor.expectation(t.model(), at, 4096); }

            @Override public int dream(int i, double current, double sigma, Random r) {
                return (int) Math.max(0, Math.min(255, Math.round(current + sigma * r.nextGaussian())));
            }

            @Override public double change(double before, double after) { return Math.abs(after - before); }
        });
    }

    /** What differs between the two daydreams: how the region is predicted, dreamed and compared between rounds. */
    private interface Kind {
        /** The prediction of the masked bytes (a kind may keep what it needs to dream from it). */
        double[] predict(AunnTrainer trainer, long[] masked);

        /** The dreamed byte of masked index i, from its current prediction, at this round's noise. */
        int dream(int i, double current, double noise, Random r);

        /** One index's contribution to the change between rounds. */
        double change(double before, double after);
    }

    /** The daydream loop: predict, dream with falling noise, retrain on half real and half dreamed bytes, until the change is below tolerance. */
    private static Result refine(AunnTrainer trainer, IndexedByteSource source, long[] masked, Options o, Kind kind) {
        long nTrain = anchorBytes(source, masked);
        Random r = new Random(o.seed());
        List<double[]> preds = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        double[] current = kind.predict(trainer, masked);
        preds.add(current);
        boolean converged = false;
        int half = o.batchSize() / 2;
        for (int round = 0; round < o.maxRounds() && !converged; round++) {
            double noise = o.noise() * Math.max(0.0, 1.0 - (double) round / o.noiseRounds());
            int[] dreamed = new int[masked.length];
            for (int i = 0; i < masked.length; i++) dreamed[i] = kind.dream(i, current[i], noise, r);
            train(trainer, source, masked, dreamed, o, r, nTrain, half);
            double[] next = kind.predict(trainer, masked);
            double change = 0;
            for (int i = 0; i < next.length; i++) change += kind.change(current[i], next[i]);
            change /= next.length;
            changes.add(change);
            preds.add(next);
            current = next;
            converged = change < o.tolerance();
        }
        return new Result(preds, changes, converged);
    }

    private static double[] argmax(double[][] dist) {
        double[] out = new double[dist.length];
        for (int i = 0; i < dist.length; i++) {
            int best = 0;
            for (int v = 1; v < 256; v++) if (dist[i][v] > dist[i][best]) best = v;
            out[i] = best;
        }
        return out;
    }

    /** The number of TRAIN bytes that anchor the daydream; fails when nothing is masked or nothing anchors it. */
    private static long anchorBytes(IndexedByteSource source, long[] masked) {
        if (masked.length == 0) throw new IllegalArgumentException("nothing masked");
        long nTrain = source.count(Role.TRAIN);
        if (nTrain == 0) throw new IllegalArgumentException("daydreaming needs TRAIN bytes to anchor it");
        return nTrain;
    }

    /** A byte drawn from {@code p^(1/t)} (normalized). */
    private static int sample(double[] p, double t, Random r) {
        double[] w = new double[256];
        double max = 0, sum = 0;
        for (int v = 0; v < 256; v++) max = Math.max(max, p[v]);
        for (int v = 0; v < 256; v++) sum += w[v] = Math.pow(p[v] / max, 1.0 / t);
        double u = r.nextDouble() * sum;
        for (int v = 0; v < 256; v++) if ((u -= w[v]) <= 0) return v;
        return 255;
    }

    private static void train(AunnTrainer trainer, IndexedByteSource source, long[] masked, int[] dreamed, Options o, Random r, long nTrain, int half) {
        for (int s = 0; s < o.stepsPerRound(); s++) {
            long[] idx = new long[o.batchSize()];
            int[] bytes = new int[o.batchSize()];
            for (int i = 0; i < half; i++) {
                idx[i] = source.index(Role.TRAIN, (long) (r.nextDouble() * nTrain));
                bytes[i] = source.byteAt(idx[i]);
            }
            for (int i = half; i < idx.length; i++) {
                int k = r.nextInt(masked.length);
                idx[i] = masked[k];
                bytes[i] = dreamed[k];
            }
            trainer.step(idx, bytes, o.lr());
        }
    }
}
