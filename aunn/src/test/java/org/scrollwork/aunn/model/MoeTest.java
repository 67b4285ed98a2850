package org.scrollwork.aunn.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sigma-MoE body: routing, the function against a plain-Java reference, the dense special case, gradients, storage. */
class MoeTest {
    private static AunnConfig tiny(int experts, int k, int g) {
        return new AunnConfig(6, 8, 1, 0, 0, 10.0, 0.0, 0.0, 3e-3, 0, 100, 16, 1.0, 5L, EncodingSpec.binary(), BodySpec.moe(experts, k, g, 0.0));
    }

    private static long[] indices(int n, int bits) {
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = (i * 2654435761L + 3) & ((1L << bits) - 1);
        return idx;
    }

    @Test
    void routerPicksTheTopKByScore() {
        Random r = new Random(11);
        int rows = 200, e = 7;
        float[] s = new float[rows * e];
        boolean[] drop = new boolean[rows * e];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextFloat();
            drop[i] = r.nextDouble() < 0.3;
        }
        for (int k = 1; k <= e; k++) {
            int[] got = Router.topK(s, rows, e, k, null);
            int[] gotDropped = Router.topK(s, rows, e, k, drop);
            for (int row = 0; row < rows; row++) {
                final int rr = row;
                List<Integer> order = new ArrayList<>();
                for (int x = 0; x < e; x++) order.add(x);
                order.sort(Comparator.comparingDouble((Integer x) -> -s[rr * e + x]));
                assertArrayEquals(order.subList(0, k).stream().mapToInt(Integer::intValue).toArray(), Arrays.copyOfRange(got, row * k, row * k + k));
                List<Integer> kept = order.stream().filter(x -> !drop[rr * e + x]).toList();
                if (kept.isEmpty()) kept = order;
                int[] want = new int[k];
                Arrays.fill(want, -1);
                for (int j = 0; j < Math.min(k, kept.size()); j++) want[j] = kept.get(j);
                assertArrayEquals(want, Arrays.copyOfRange(gotDropped, row * k, row * k + k), "row " + row + " k " + k);
            }
        }
    }

    @Test
    void forwardMatchesAPlainJavaReference() {
        AunnConfig c = tiny(5, 2, 3);
        long[] idx = indices(40, 6);
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            t.train(InMemoryByteSource.of(6, Fixtures.structuredVolume(4)), new UniformRandom(16, 1), 5); // move biases and norms off their init
            float[] logits = Predictor.logits(m, idx, 64);
            Map<String, float[]> p = m.exportParameters();
            for (int i = 0; i < idx.length; i++) {
                double[] want = reference(c, p, idx[i]);
                for (int o = 0; o < 256; o++) assertEquals(want[o], logits[i * 256 + o], 2e-5, "index " + idx[i] + " logit " + o);
            }
        }
    }

    /** The config's formulas written out: bits (MSB first, +-1), input layer, one block with sigmoid top-k experts, LN, head. */
    private static double[] reference(AunnConfig c, Map<String, float[]> p, long index) {
        int n = c.indexBits(), w = c.width(), e = c.body().experts(), k = c.body().topK(), g = c.body().expertWidth();
        double[] bits = new double[n];
        for (int i = 0; i < n; i++) bits[i] = ((index >>> (n - 1 - i)) & 1) == 1 ? 1 : -1;
        double[] h = affine(p.get("input.weight"), p.get("input.bias"), 0, 0, w, n, bits);
        double[] a = layerNorm(h, p.get("blocks.0.norm.weight"), p.get("blocks.0.norm.bias"));
        double[] score = affine(p.get("blocks.0.moe.select.weight"), null, 0, 0, e, w, a);
        for (int x = 0; x < e; x++) score[x] = 1 / (1 + Math.exp(-score[x]));
        Integer[] order = new Integer[e];
        for (int x = 0; x < e; x++) order[x] = x;
        Arrays.sort(order, Comparator.comparingDouble((Integer x) -> -score[x]));
        double[] out = h.clone();
        for (int j = 0; j < k; j++) {
            int x = order[j];
            double[] u = affine(p.get("blocks.0.moe.fc1.weight"), p.get("blocks.0.moe.fc1.bias"), x * g * w, x * g, g, w, a);
            for (int i = 0; i < g; i++) u[i] = gelu(u[i]);
            double[] y = affine(p.get("blocks.0.moe.fc2.weight"), p.get("blocks.0.moe.fc2.bias"), x * w * g, x * w, w, g, u);
            for (int i = 0; i < w; i++) out[i] += score[x] * y[i];
        }
        double[] z = layerNorm(out, p.get("norm.weight"), p.get("norm.bias"));
        return affine(p.get("head.weight"), p.get("head.bias"), 0, 0, 256, w, z);
    }

    private static double[] affine(float[] wt, float[] bias, int wOff, int bOff, int rows, int cols, double[] x) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = bias == null ? 0 : bias[bOff + r];
            for (int q = 0; q < cols; q++) s += wt[wOff + r * cols + q] * x[q];
            y[r] = s;
        }
        return y;
    }

    private static double[] layerNorm(double[] x, float[] gamma, float[] beta) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (x[i] - mean) / Math.sqrt(var + AunnModel.LN_EPS) * gamma[i] + beta[i];
        return y;
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Maclaurin series (|x| < 3) or the continued-fraction tail; well below 1e-9 here. */
    private static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 60; n >= 1; n--) f = n / 2.0 / (ax + f);
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return Math.copySign(r, x);
    }

    @Test
    void oneExpertWithKOneIsTheDenseMlp() {
        AunnConfig dense = tiny(1, 1, 8).withBody(BodySpec.mlp()).withShape(8, 2);
        AunnConfig moe = tiny(1, 1, 8).withShape(8, 2);
        long[] idx = indices(64, 6);
        try (AunnModel d = new AunnModel(dense); AunnTrainer t = new AunnTrainer(d)) {
            t.train(InMemoryByteSource.of(6, Fixtures.structuredVolume(4)), new UniformRandom(16, 2), 5);
            Map<String, float[]> dp = d.exportParameters();
            Map<String, float[]> mp = new LinkedHashMap<>();
            for (ParamSpec s : ParamSpec.of(moe)) {
                String n = s.name();
                if (n.endsWith("moe.select.weight")) {
                    mp.put(n, new float[Math.toIntExact(s.size())]); // score sigmoid(0) = 1/2 for the single expert ...
                } else if (n.contains("moe.fc2.")) {
                    float[] v = dp.get(n.replace("moe.", "")).clone();
                    for (int i = 0; i < v.length; i++) v[i] *= 2; // ... which doubled output weights undo exactly
                    mp.put(n, v);
                } else {
                    mp.put(n, dp.get(n.replace("moe.", "")));
                }
            }
            try (AunnModel m = new AunnModel(moe, d.device(), mp)) {
                float[] want = Predictor.logits(d, idx, 64);
                float[] got = Predictor.logits(m, idx, 64);
                for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-5, "logit " + i);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AunnConfig c = tiny(4, 2, 3).withShape(6, 2);
        long[] idx = indices(6, 6);
        Random r = new Random(3);
        float[] weights = new float[idx.length * 256];
        for (int i = 0; i < idx.length; i++) for (int o = 0; o < 8; o++) weights[i * 256 + o * 31] = (float) r.nextGaussian();
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            t.train(InMemoryByteSource.of(6, Fixtures.structuredVolume(4)), new UniformRandom(16, 4), 5);
            Map<String, float[]> analytic = new HashMap<>();
            try (NDManager sm = NDManager.newBaseManager(m.device())) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = m.forward(sm, idx, false).logits();
                    NDArray loss = logits.mul(sm.create(weights, logits.getShape())).sum();
                    gc.backward(loss);
                }
                for (ParamSpec s : m.specs()) analytic.put(s.name(), m.parameters().get(s.name()).getGradient().toFloatArray());
            }
            Predictor.logits(m, idx, 64);
            List<int[]> route = m.lastRouting();
            Map<String, float[]> base = m.exportParameters();
            double eps = 1e-2;
            int checked = 0;
            for (ParamSpec s : m.specs()) {
                float[] v = base.get(s.name());
                for (int probe = 0; probe < Math.min(6, v.length); probe++) {
                    int at = r.nextInt(v.length);
                    double[] sides = new double[2];
                    for (int side = 0; side < 2; side++) {
                        Map<String, float[]> moved = new HashMap<>(base);
                        float[] mv = v.clone();
                        mv[at] += (float) (side == 0 ? eps : -eps);
                        moved.put(s.name(), mv);
                        m.importParameters(moved);
                        sides[side] = dot(Predictor.logits(m, idx, 64), weights);
                        List<int[]> now = m.lastRouting();
                        for (int b = 0; b < route.size(); b++) assertArrayEquals(route.get(b), now.get(b), "routing must not change under the perturbation");
                    }
                    double numeric = (sides[0] - sides[1]) / (2 * eps);
                    double got = analytic.get(s.name())[at];
                    assertEquals(numeric, got, 2e-3 + 2e-2 * Math.abs(numeric), s.name() + "[" + at + "]");
                    checked++;
                }
            }
            m.importParameters(base);
            assertTrue(checked > 60, "checked " + checked);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    @Test
    void parameterCountMatchesTheFormula() {
        AunnConfig c = tiny(4, 2, 5).withShape(12, 3);
        try (AunnModel m = new AunnModel(c)) {
            long w = 12, e = 4, g = 5;
            long block = 2 * w + e * w + e * g * w + e * g + e * w * g + e * w;
            assertEquals(w * 6 + w + 3 * block + 2 * w + 256 * w + 256, m.parameterCount());
        }
    }

    @Test
    void storedInJsonAndSnapshotsAndOldConfigsReadAsDense(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        AunnConfig c = tiny(4, 2, 3).withBody(BodySpec.moe(4, 2, 3, 0.25));
        String text = json.writeValueAsString(c);
        assertTrue(text.contains("\"body\":{\"kind\":\"MOE\",\"experts\":4,\"topK\":2,\"expertWidth\":3,\"expertDropout\":0.25}"), text);
        assertEquals(c, json.readValue(text, AunnConfig.class));
        String old = json.writeValueAsString(AunnConfig.defaults()).replaceAll(",\"body\":\\{[^}]*}", "");
        assertTrue(!old.contains("body"), old);
        assertEquals(BodySpec.mlp(), json.readValue(old, AunnConfig.class).body());

        InMemoryByteSource src = InMemoryByteSource.of(6, Fixtures.structuredVolume(4));
        long[] idx = indices(32, 6);
        Path file = dir.resolve("moe.aunn");
        float[] before;
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(16, 1), 10);
            before = Predictor.logits(m, idx, 64);
            Snapshot.save(file, t, src.fingerprint());
        }
        assertEquals(c, Snapshot.readHeader(file).config());
        try (AunnModel m = new AunnModel(c.withSeed(99).withSeed(5)); AunnTrainer t = new AunnTrainer(m)) {
            Snapshot.restore(file, t, src.fingerprint(), Snapshot.Mode.RESUME);
            assertArrayEquals(before, Predictor.logits(m, idx, 64));
        }
        try (AunnModel dense = new AunnModel(c.withBody(BodySpec.mlp())); AunnTrainer t = new AunnTrainer(dense)) {
            assertThrows(org.scrollwork.aunn.snapshot.SnapshotException.class, () -> Snapshot.restore(file, t, src.fingerprint(), Snapshot.Mode.FINETUNE));
        }
    }

    @Test
    void trainsWithExpertDropoutAndDeepensAsIdentity() {
        AunnConfig c = tiny(4, 2, 8).withShape(16, 2).withBody(BodySpec.moe(4, 2, 8, 0.2));
        InMemoryByteSource src = InMemoryByteSource.of(6, Fixtures.structuredVolume(4));
        long[] idx = indices(64, 6);
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            double first = t.train(src, new UniformRandom(32, 1), 1);
            double last = t.train(src, new UniformRandom(32, 1), 150);
            assertTrue(last < first - 1.0, "loss " + first + " -> " + last);
            assertEquals(m.liveArrays(), m.specs().size());
            try (AunnModel deep = Growth.deepen(m, 1, 1, 3)) {
                float[] a = Predictor.logits(m, idx, 64), b = Predictor.logits(deep, idx, 64);
                for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4);
            }
            assertThrows(IllegalArgumentException.class, () -> Growth.widen(m, 2, 0, 1));
        }
    }

    @Test
    void invalidBodiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BodySpec.moe(4, 5, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> BodySpec.moe(0, 1, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> BodySpec.moe(4, 1, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BodySpec(BodySpec.Kind.MLP, 2, 1, 1, 0));
    }
}
