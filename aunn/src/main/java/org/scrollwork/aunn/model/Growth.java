package org.scrollwork.aunn.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progressive growing that preserves the function the model computes.
 *
 * <ul>
 *   <li>{@link #widen}: Net2Net-style widening by an integer factor {@code k}. Every residual
 *   channel and every hidden unit is copied {@code k} times (copies laid out as {@code k}
 *   consecutive blocks of the old width), and every weight that reads copied units is split
 *   {@code W/k + e_c} with noise {@code e_c} summing to zero over the copies. Because LayerNorm
 *   sees each value exactly {@code k} times, its mean and variance are unchanged, so the output is
 *   identical; the noise breaks the symmetry between copies so they can diverge in training.</li>
 *   <li>{@link #deepen}: inserts residual blocks whose output projection ({@code fc2}) is zero,
 *   so each new block is the identity until trained.</li>
 * </ul>
 * Both return a new model on the same device (the caller closes the old one) with the config's
 * width or depth changed; optimizer state starts fresh.
 */
public final class Growth {
    private Growth() {}

    /**
     * @param factor integer width multiplier, at least 2
     * @param noise  standard deviation of the zero-sum split noise, relative to
     *               {@code 1/sqrt(new fan-in)}; 0 for exact copies
     */
    public static AunnModel widen(AunnModel model, int factor, double noise, long seed) {
        if (factor < 2) throw new IllegalArgumentException("widening factor must be at least 2: " + factor);
        AunnConfig c = model.config();
        if (c.body().isMoe()) throw new IllegalArgumentException("widening a mixture-of-experts body is not supported (deepening is)");
        int w = c.width();
        AunnConfig nc = c.withShape(w * factor, c.depth());
        Map<String, float[]> old = model.exportParameters();
        Map<String, float[]> out = new LinkedHashMap<>();
        SplitMix64 rng = SplitMix64.forKey(seed, 77, factor);
        double sigma = noise / Math.sqrt((double) w * factor);
        for (ParamSpec s : ParamSpec.of(nc)) {
            float[] v = old.get(s.name());
            String n = s.name();
            if (n.startsWith("embedding.")) { // the geometry embedding does not depend on the width
                out.put(n, v);
                continue;
            }
            boolean splitColumns = n.endsWith("fc1.weight") || n.endsWith("fc2.weight") || n.equals("head.weight") || n.equals("embed.weight");
            boolean copyRows = !(n.equals("head.weight") || n.equals("head.bias") || n.startsWith("embed.") || n.equals("memory.units"));
            int oldRows = n.equals("memory.units") ? v.length : copyRows ? w : (int) s.shape()[0];
            int oldCols = s.shape().length == 2 ? (int) (v.length / oldRows) : 1;
            int rows = copyRows ? oldRows * factor : oldRows;
            if (n.equals("memory.units")) rows = oldRows;
            int cols = splitColumns ? oldCols * factor : oldCols;
            float[] nv = new float[rows * cols];
            for (int i = 0; i < rows; i++) {
                int oi = i % oldRows;
                for (int oj = 0; oj < oldCols; oj++) {
                    float base = v[oi * oldCols + oj];
                    if (!splitColumns) {
                        nv[i * cols + oj] = base;
                        continue;
                    }
                    double[] e = zeroSumNoise(rng, factor, sigma);
                    for (int cpy = 0; cpy < factor; cpy++) nv[i * cols + cpy * oldCols + oj] = (float) (base / factor + e[cpy]);
                }
            }
            out.put(n, nv);
        }
        return new AunnModel(nc, model.device(), out);
    }

    private static double[] zeroSumNoise(SplitMix64 rng, int k, double sigma) {
        double[] e = new double[k];
        if (sigma == 0) return e;
        double mean = 0;
        for (int i = 0; i < k; i++) mean += e[i] = rng.nextGaussian() * sigma;
        mean /= k;
        for (int i = 0; i < k; i++) e[i] -= mean;
        return e;
    }

    /**
     * Inserts {@code count} identity blocks before block {@code at} (0..depth).
     * {@code fc1} of a new block is initialised as a fresh model's would be; {@code fc2} is zero (for a
     * mixture-of-experts body: every expert's {@code fc2} and its bias, so the block adds nothing whatever the routing).
     */
    public static AunnModel deepen(AunnModel model, int at, int count, long seed) {
        AunnConfig c = model.config();
        if (at < 0 || at > c.depth() || count < 1) throw new IllegalArgumentException("insert position must be in 0.." + c.depth() + " and count positive");
        AunnConfig nc = c.withShape(c.width(), c.depth() + count);
        Map<String, float[]> old = model.exportParameters();
        Map<String, float[]> out = new LinkedHashMap<>();
        java.util.List<ParamSpec> specs = ParamSpec.of(nc);
        for (int pos = 0; pos < specs.size(); pos++) {
            ParamSpec s = specs.get(pos);
            String n = s.name();
            if (!n.startsWith("blocks.")) {
                out.put(n, old.get(n));
                continue;
            }
            int b = Integer.parseInt(n.substring(7, n.indexOf('.', 7)));
            String rest = n.substring(n.indexOf('.', 7));
            if (b < at) {
                out.put(n, old.get(n));
            } else if (b >= at + count) {
                out.put(n, old.get("blocks." + (b - count) + rest));
            } else if (rest.startsWith(".fc2.") || rest.startsWith(".moe.fc2.")) {
                out.put(n, new float[Math.toIntExact(s.size())]);
            } else {
                out.put(n, s.initialValues(seed, pos, nc.depth()));
            }
        }
        return new AunnModel(nc, model.device(), out);
    }
}
