package org.scrollwork.experiments.aunn.modular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AdamW;
import org.scrollwork.aunn.train.LearningRate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DAG of AUNNs: one shared module that sees every index and one module per group (e.g. per scroll) that sees only
 * its own; both predict every index of a group (overlapping predictions), and a combining node takes their
 * normalised geometric mean, {@code log p = log_softmax((log p_shared + log p_group) / 2)}. Training minimises the
 * cross-entropy of the combined prediction plus {@code consistency} times the symmetric KL divergence (Jeffreys)
 * between the two overlapping predictions, {@code sum (p_s - p_g)(log p_s - log p_g)}, averaged over the batch.
 * Each module has its own AdamW; all are updated from one backward pass. Modules share a config apart from the seed.
 */
public final class ModularAunn implements AutoCloseable {
    private static final double LN2 = Math.log(2);

    private final Grouping grouping;
    private final double consistency;
    private final AunnModel shared;
    private final List<AunnModel> groupModules = new ArrayList<>();
    private final List<AdamW> optimizers = new ArrayList<>();
    private final LearningRate schedule;
    private final NDManager root;
    private long step;

    /**
     * @param module      config of every module (the seed is varied per module)
     * @param consistency weight of the consistency loss, 0 for none
     */
    public ModularAunn(AunnConfig module, Grouping grouping, double consistency) {
        if (!(consistency >= 0)) throw new IllegalArgumentException("consistency weight must be >= 0: " + consistency);
        this.grouping = grouping;
        this.consistency = consistency;
        this.shared = new AunnModel(module);
        for (int g = 0; g < grouping.groups(); g++) groupModules.add(new AunnModel(module.withSeed(module.seed() + 1000L * (g + 1))));
        optimizers.add(new AdamW(shared));
        for (AunnModel m : groupModules) optimizers.add(new AdamW(m));
        this.schedule = new LearningRate(module.lr(), module.warmupSteps(), module.totalSteps());
        this.root = NDManager.newBaseManager(shared.device());
    }

    /** Total parameter values of all modules. */
    public long parameterCount() {
        return shared.parameterCount() + groupModules.stream().mapToLong(AunnModel::parameterCount).sum();
    }

    public long step() {
        return step;
    }

    /** The shared module (sees every index). */
    public AunnModel shared() {
        return shared;
    }

    /** The module of group {@code g}. */
    public AunnModel module(int g) {
        return groupModules.get(g);
    }

    public Grouping grouping() {
        return grouping;
    }

    /** Row order that sorts a batch by group (stable), and where each group's rows start in it. */
    private record Sorted(long[] indices, int[] order, int[] start) {}

    private Sorted sort(long[] indices) {
        int k = grouping.groups();
        int[] group = new int[indices.length];
        int[] start = new int[k + 1];
        for (int i = 0; i < indices.length; i++) start[(group[i] = grouping.groupOf(indices[i])) + 1]++;
        for (int g = 0; g < k; g++) start[g + 1] += start[g];
        int[] fill = Arrays.copyOf(start, k);
        int[] order = new int[indices.length];
        long[] sorted = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int at = fill[group[i]]++;
            order[at] = i;
            sorted[at] = indices[i];
        }
        return new Sorted(sorted, order, start);
    }

    /** Log-probabilities {@code [n, 256]} of the shared module and of the group modules, rows in sorted order. */
    private NDArray[] logProbs(NDManager sm, Sorted s, boolean training) {
        NDArray ls = shared.forward(sm, s.indices(), training).logits().logSoftmax(1);
        NDList parts = new NDList();
        for (int g = 0; g < groupModules.size(); g++) {
            if (s.start()[g + 1] == s.start()[g]) continue;
            parts.add(groupModules.get(g).forward(sm, Arrays.copyOfRange(s.indices(), s.start()[g], s.start()[g + 1]), training).logits().logSoftmax(1));
        }
        NDArray lg = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        return new NDArray[] {ls, lg};
    }

    /**
     * One training step on {@code bytes[i]} at {@code indices[i]} at the scheduled learning rate.
     *
     * @return the mean bits per byte of the combined prediction on this batch (before the update)
     */
    public double step(long[] indices, int[] bytes) {
        if (indices.length != bytes.length || indices.length == 0) throw new IllegalArgumentException("need one byte per index and at least one index");
        Sorted s = sort(indices);
        long[] labels = new long[bytes.length];
        for (int i = 0; i < labels.length; i++) labels[i] = bytes[s.order()[i]];
        double lr = schedule.at(step);
        try (NDManager sm = root.newSubManager()) {
            double mean;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray[] lp = logProbs(sm, s, true);
                NDArray combined = lp[0].add(lp[1]).div(2f).logSoftmax(1);
                NDArray lab = sm.create(labels, new Shape(labels.length, 1)).toDevice(combined.getDevice(), false);
                lab.attach(sm);
                NDArray nll = combined.gather(lab, 1).neg().mean();
                NDArray loss = nll;
                if (consistency > 0) {
                    NDArray jeffreys = lp[0].exp().sub(lp[1].exp()).mul(lp[0].sub(lp[1])).sum(new int[] {1}).mean();
                    loss = loss.add(jeffreys.mul((float) consistency));
                }
                gc.backward(loss);
                mean = nll.getFloat() / LN2;
            }
            optimizers.get(0).update(sm, lr);
            for (int g = 0; g < groupModules.size(); g++) if (s.start()[g + 1] > s.start()[g]) optimizers.get(g + 1).update(sm, lr);
            step++;
            return mean;
        }
    }

    /** Combined log-probabilities, row-major {@code [indices.length][256]}, in the order given. */
    public float[] logProbabilities(long[] indices, int batch) {
        float[] out = new float[indices.length * 256];
        for (int from = 0; from < indices.length; from += batch) {
            long[] part = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batch));
            Sorted s = sort(part);
            try (NDManager sm = root.newSubManager()) {
                NDArray[] lp = logProbs(sm, s, false);
                float[] c = lp[0].add(lp[1]).div(2f).logSoftmax(1).toFloatArray();
                for (int i = 0; i < part.length; i++) System.arraycopy(c, i * 256, out, (from + s.order()[i]) * 256, 256);
            }
        }
        return out;
    }

    /** Mean bits per byte of the combined prediction at {@code indices}. */
    public double bitsPerByte(IndexedByteSource source, long[] indices, int batch) {
        float[] lp = logProbabilities(indices, batch);
        int[] bytes = new int[indices.length];
        source.bytesAt(indices, bytes);
        double sum = 0;
        for (int i = 0; i < indices.length; i++) sum -= lp[i * 256 + bytes[i]];
        return sum / indices.length / LN2;
    }

    @Override public void close() {
        root.close();
        optimizers.forEach(AdamW::close);
        shared.close();
        groupModules.forEach(AunnModel::close);
    }
}
