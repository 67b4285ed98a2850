package org.scrollwork.experiments.aunn.inverse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;

/**
 * Runs an AUNN backwards: given an output pattern, finds the indices whose predictions match it best.
 * The index bits are relaxed to continuous values {@code tanh(θ)} in (−1, 1); gradient descent (Adam) on
 * {@code θ} minimizes the cross-entropy between the pattern and the model's prediction at the relaxed
 * index, from {@code restarts} random starts at once; each end point is rounded to the index with the
 * sign bits, and the distinct rounded indices are scored exactly and returned best first.
 *
 * <p>A pattern is one target distribution over the 256 byte values (an "uncertain output", e.g. uniform,
 * or a one-hot byte), or a patch of {@code 2^m} bytes at consecutive indices: then the lowest {@code m}
 * bits enumerate the patch and only the bits above are searched, shared by the patch. Only bits below
 * {@code searchBits} are searched; the bits above are copied from {@code prefix} (the record's block, say).
 * Needs the binary (MSB first) index encoding. Works on a private copy of the model: the model's
 * parameters and gradients are never touched.
 */
public final class InverseQuery {
    private InverseQuery() {}

    /** Search settings: bits searched, random starts, Adam steps and learning rate on θ, seed. */
    public record Options(int searchBits, int restarts, int steps, double lr, long seed) {
        public Options {
            if (searchBits < 1 || restarts < 1 || steps < 0 || lr <= 0) throw new IllegalArgumentException("bad inverse-query options: " + searchBits + " bits, " + restarts + " restarts, " + steps + " steps, lr " + lr);
        }
    }

    /** A found index (the patch's first index for patches) and the mean cross-entropy of the pattern there, in bits. */
    public record Hit(long index, double bits) {}

    /** Indices whose predicted byte distribution is closest (cross-entropy) to {@code target} (256 probabilities). */
    public static List<Hit> distribution(AunnModel model, double[] target, long prefix, Options o) {
        if (target.length != 256) throw new IllegalArgumentException("a target distribution has 256 probabilities, not " + target.length);
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) t[i] = (float) target[i];
        return search(model, new float[][] {t}, 0, prefix, o);
    }

    /** Start indices (multiples of {@code bytes.length}, a power of two) of the patch most likely to hold these bytes. */
    public static List<Hit> patch(AunnModel model, int[] bytes, long prefix, Options o) {
        int m = Integer.numberOfTrailingZeros(bytes.length);
        if (bytes.length == 0 || Integer.bitCount(bytes.length) != 1) throw new IllegalArgumentException("a patch has a power-of-two length, not " + bytes.length);
        if (m >= o.searchBits()) throw new IllegalArgumentException("a patch of " + bytes.length + " bytes needs more than " + m + " search bits");
        float[][] t = new float[bytes.length][256];
        for (int k = 0; k < bytes.length; k++) t[k][bytes[k]] = 1f;
        return search(model, t, m, prefix, o);
    }

    private static List<Hit> search(AunnModel original, float[][] targets, int lowBits, long prefix, Options o) {
        if (!original.config().encoding().equals(EncodingSpec.binary())) throw new IllegalArgumentException("inverse queries need the binary index encoding");
        int bits = original.config().indexBits();
        int searched = Math.min(o.searchBits(), bits);
        int free = searched - lowBits;
        int patch = targets.length;
        int r = o.restarts();
        Random rnd = new Random(o.seed());
        float[] theta = new float[r * free];
        for (int i = 0; i < theta.length; i++) theta[i] = (float) (0.5 * rnd.nextGaussian());
        float[] fixed = new float[r * patch * bits];
        float[] mask = new float[r * patch * bits]; // 1 where the bit is searched
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < patch; k++) {
                int row = (j * patch + k) * bits;
                for (int b = 0; b < bits; b++) { // b = 0 is the most significant bit
                    int fromLsb = bits - 1 - b;
                    if (fromLsb >= lowBits && fromLsb < searched) {
                        mask[row + b] = 1f;
                    } else {
                        long v = fromLsb < lowBits ? (k >> fromLsb) & 1 : (prefix >>> fromLsb) & 1;
                        fixed[row + b] = v == 1 ? 1f : -1f;
                    }
                }
            }
        }
        float[] target = new float[r * patch * 256];
        for (int j = 0; j < r; j++) for (int k = 0; k < patch; k++) System.arraycopy(targets[k], 0, target, (j * patch + k) * 256, 256);

        try (AunnModel model = original.copy(); NDManager root = NDManager.newBaseManager(model.device())) {
            NDArray th = root.create(theta, new Shape(r, free));
            NDArray mAdam = root.zeros(th.getShape());
            NDArray vAdam = root.zeros(th.getShape());
            NDArray fixedA = root.create(fixed, new Shape(r * patch, bits));
            NDArray maskA = root.create(mask, new Shape(r * patch, bits));
            NDArray targetA = root.create(target, new Shape(r * patch, 256));
            // scatter matrix: θ [r, free] → searched columns of each row's bits
            float[] place = new float[free * bits];
            for (int f = 0; f < free; f++) place[f * bits + (bits - 1 - (lowBits + f))] = 1f;
            NDArray placeA = root.create(place, new Shape(free, bits));
            double b1 = 0.9, b2 = 0.999;
            for (int s = 1; s <= o.steps(); s++) {
                try (NDManager sm = root.newSubManager()) {
                    NDArray t = th.duplicate();
                    t.attach(sm);
                    t.setRequiresGradient(true);
                    NDArray g;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray x = relaxedInputs(t, placeA, fixedA, maskA, patch);
                        NDArray logits = model.forward(sm, x, false).logits().toType(DataType.FLOAT32, false);
                        NDArray loss = logits.logSoftmax(1).mul(targetA).sum().neg().div((float) patch);
                        gc.backward(loss);
                        g = t.getGradient().duplicate();
                    }
                    mAdam.muli((float) b1).addi(g.mul((float) (1 - b1)));
                    vAdam.muli((float) b2).addi(g.square().mul((float) (1 - b2)));
                    NDArray mh = mAdam.div((float) (1 - Math.pow(b1, s)));
                    NDArray vh = vAdam.div((float) (1 - Math.pow(b2, s)));
                    th.subi(mh.div(vh.sqrt().add(1e-8f)).mul((float) o.lr()));
                }
            }
            float[] end = th.toFloatArray();
            long high = searched >= 63 ? 0 : (prefix >>> searched) << searched;
            Map<Long, Boolean> seen = new LinkedHashMap<>();
            for (int j = 0; j < r; j++) {
                long idx = high;
                for (int f = 0; f < free; f++) if (end[j * free + f] > 0) idx |= 1L << (lowBits + f);
                seen.put(idx, true);
            }
            List<Hit> hits = new ArrayList<>();
            for (long idx : seen.keySet()) hits.add(new Hit(idx, exactBits(original, idx, targets)));
            hits.sort(Comparator.comparingDouble(Hit::bits));
            return hits;
        }
    }

    /** Rows {@code [r·patch, bits]}: searched bits from tanh(θ) (shared by a patch), the rest fixed. */
    private static NDArray relaxedInputs(NDArray theta, NDArray place, NDArray fixed, NDArray mask, int patch) {
        NDArray relaxed = theta.tanh().matMul(place); // [r, bits]
        if (patch > 1) relaxed = relaxed.repeat(0, patch);
        return relaxed.mul(mask).add(fixed);
    }

    /** Mean cross-entropy (bits) of the pattern at the patch starting at {@code index}. */
    static double exactBits(AunnModel model, long index, float[][] targets) {
        long[] idx = new long[targets.length];
        for (int k = 0; k < idx.length; k++) idx[k] = index + k;
        double[][] p = Predictor.distributions(model, idx, 4096);
        double sum = 0;
        for (int k = 0; k < idx.length; k++) {
            for (int v = 0; v < 256; v++) if (targets[k][v] > 0) sum -= targets[k][v] * Math.log(Math.max(p[k][v], 1e-300)) / Math.log(2);
        }
        return sum / idx.length;
    }

    /** The rank-nearest index of {@code sorted} (ascending) to {@code index}: for snapping a hit onto trainable data. */
    public static long nearest(long[] sorted, long index) {
        int k = Arrays.binarySearch(sorted, index);
        if (k >= 0) return sorted[k];
        int ins = -k - 1;
        if (ins == 0) return sorted[0];
        if (ins == sorted.length) return sorted[sorted.length - 1];
        return index - sorted[ins - 1] <= sorted[ins] - index ? sorted[ins - 1] : sorted[ins];
    }
}
