package org.scrollwork.aunn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scrollwork.aunn.data.IndexLayout;
import org.scrollwork.aunn.data.IndexLayout.Region;

/**
 * The geometry-aware index embedding: an index is decoded through the list's {@link IndexLayout} into its record and
 * voxel, the voxel centre is placed in its record's physical frame (µm, in units of the frame's finest voxel), and the
 * first layer of the AUNN sees
 * <ol>
 *   <li>for each grid level, the interpolation of the learned features at the grid vertices around that position:
 *       trilinear at 8 vertices, or with {@link GeometrySpec.Basis#BSPLINE} a cubic B-spline at 4 vertices along each
 *       axis whose cells are longer than a voxel (Instant-NGP: a level whose vertices fit its table is indexed
 *       densely, else by a spatial hash);</li>
 *   <li>sine and cosine features of the position in the frame, {@code fourierFrequencies} octaves per axis;</li>
 *   <li>a learned embedding of the record's channel (modality, beam energy, resolution), so that records sharing a
 *       frame share the grids and differ in this vector;</li>
 *   <li>the index's own ±1 bits, MSB first, except that a volume's x, y and z bits are 0: position reaches the network
 *       through the grids alone, so it interpolates instead of memorizing. Text and metadata keep every bit as their
 *       position code, and get no grid or Fourier features.</li>
 * </ol>
 * Indices the layout does not know (records appended after the layout was taken) are read like text. Samples of a
 * label region (ink, letters) read the grids through a stop-gradient: their loss trains the network, not the grids,
 * so labels must be read from what the scans put in the grids. The result is a function of the index and of the
 * layout only, never of the list's bytes.
 */
public final class GeometryEmbedding {
    /** Parameter name of grid level {@code l}'s table. */
    public static String gridName(int l) { return "embedding.grid." + l; }

    /** Parameter name of the channel embedding table. */
    public static final String CHANNEL = "embedding.channel";

    /** The key that reads every voxel at its centre (prediction). */
    public static final long NO_JITTER = Long.MIN_VALUE;

    private static final long[] PRIMES = {1L, 2654435761L, 805459861L, 3674653429L};

    private final GeometrySpec spec;
    private final IndexLayout layout;
    private final int indexBits;
    private final BinaryEncoding bits;
    private final int rows;
    /** Per frame: minimum corner (µm), finest voxel (µm) per axis. */
    private final double[][] frameMin, frameVoxel, frameExtent;
    /** Per level: vertex counts per axis per frame, and each frame's first row when dense (null when hashed). */
    private final long[][][] dims;
    private final long[][] denseBase;
    /** Per level and axis: whether it is read by the cubic B-spline (else linearly); per level: vertices read per point. */
    private final boolean[][] cubic;
    private final int[] taps;

    public GeometryEmbedding(GeometrySpec spec, IndexLayout layout, int indexBits) {
        this.spec = spec;
        this.layout = layout == null ? IndexLayout.empty() : layout;
        this.indexBits = indexBits;
        this.bits = new BinaryEncoding(indexBits);
        this.rows = 1 << spec.log2TableSize();
        int frames = this.layout.frames();
        frameMin = new double[frames][3];
        frameVoxel = new double[frames][3];
        double[][] frameMax = new double[frames][3];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(frameMin[f], Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(frameVoxel[f], Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(frameMax[f], Double.NEGATIVE_INFINITY);
        }
        for (Region r : this.layout.regions()) {
            if (!r.volume()) continue;
            int[] axisBits = {r.xBits(), r.yBits(), r.zBits()};
            for (int a = 0; a < 3; a++) {
                frameMin[r.frame()][a] = Math.min(frameMin[r.frame()][a], r.originUm()[a]);
                frameMax[r.frame()][a] = Math.max(frameMax[r.frame()][a], r.originUm()[a] + r.voxelUm()[a] * (1L << axisBits[a]));
                frameVoxel[r.frame()][a] = Math.min(frameVoxel[r.frame()][a], r.voxelUm()[a]);
            }
        }
        frameExtent = new double[frames][3];
        for (int f = 0; f < frames; f++) {
            for (int a = 0; a < 3; a++) {
                if (Double.isInfinite(frameVoxel[f][a])) { frameMin[f][a] = 0; frameVoxel[f][a] = 1; frameMax[f][a] = 1; }
                frameExtent[f][a] = Math.max(1, (frameMax[f][a] - frameMin[f][a]) / frameVoxel[f][a]);
            }
        }
        int levels = spec.levels().size();
        dims = new long[levels][frames][3];
        denseBase = new long[levels][];
        cubic = new boolean[levels][3];
        taps = new int[levels];
        for (int l = 0; l < levels; l++) {
            GeometrySpec.GridLevel g = spec.levels().get(l);
            int[] cell = {g.cellX(), g.cellY(), g.cellZ()};
            taps[l] = 1;
            for (int a = 0; a < 3; a++) {
                boolean longer = false;
                for (int f = 0; f < frames; f++) longer |= frameExtent[f][a] > 1;
                cubic[l][a] = spec.basis() == GeometrySpec.Basis.BSPLINE && cell[a] > 1 && longer;
                taps[l] *= cubic[l][a] ? 4 : 2;
            }
            long total = 0;
            long[] base = new long[frames];
            for (int f = 0; f < frames; f++) {
                long n = 1;
                for (int a = 0; a < 3; a++) {
                    dims[l][f][a] = (long) Math.ceil(frameExtent[f][a] / cell[a]) + 2;
                    n *= dims[l][f][a];
                }
                base[f] = total;
                total += n;
            }
            denseBase[l] = total <= rows ? base : null;
        }
    }

    /** Values per index given to the first layer. */
    public int inputSize() { return spec.extraInputs() + indexBits; }

    /** Whether level {@code l} indexes its vertices densely (no hash collisions) for this layout. */
    public boolean dense(int l) { return denseBase[l] != null; }

    /** Vertices level {@code l} reads per point: 8 for trilinear reads, up to 64 for the cubic B-spline. */
    public int taps(int l) { return taps[l]; }

    /**
     * The learned parameters: a table of {@code 2^log2TableSize x features} per level, then the channel table. (One
     * table for all levels, read by one gather, trained at 64k samples/s against 104k for a table per level:
     * {@code EmbeddingThroughputBenchmark}, body 64×2.)
     */
    public static List<ParamSpec> params(GeometrySpec spec) {
        List<ParamSpec> out = new ArrayList<>();
        for (int l = 0; l < spec.levels().size(); l++) out.add(new ParamSpec(gridName(l), new long[] {1L << spec.log2TableSize(), spec.features()}, false, false));
        if (spec.channelDim() > 0) out.add(new ParamSpec(CHANNEL, new long[] {IndexLayout.CHANNELS, spec.channelDim()}, false, false));
        return out;
    }

    /**
     * Everything about a batch that is computed on the heap, per slot (a point the first layer reads): for level
     * {@code l}, slot {@code i} and vertex {@code c < taps(l)}, the row of level {@code l}'s table and its weight at
     * {@code [l][i * taps(l) + c]}; fixed features; channels; 1 for slots of label regions. Slot {@code i < samples} is sample
     * {@code i}; when training, a sample in {@code boxes} (a voxel coarser than its frame's finest) is read at
     * {@value #BOX_POINTS} points inside it: slot {@code i} and slots {@code samples + 7·b .. samples + 7·b + 6} for the
     * {@code b}-th box.
     */
    public record Lookup(int size, long[][] rows, float[][] weights, float[] fixed, long[] channels, int fixedWidth, float[] label,
                         int samples, int[] boxes) {
        /** Whether any sample of the batch lies in a label region. */
        public boolean anyLabel() {
            for (float v : label) if (v != 0) return true;
            return false;
        }
    }

    /** Points a coarse voxel is read at while training: one per octant of the voxel. */
    public static final int BOX_POINTS = 8;

    /** Decodes a batch of indices at voxel centres (no parameters touched). */
    public Lookup lookup(long[] indices) { return lookup(indices, NO_JITTER); }

    /**
     * Decodes a batch of indices. With a key other than {@link #NO_JITTER} (training), a voxel larger than its frame's
     * finest voxel is a box: it is read at {@value #BOX_POINTS} points, one in each octant of the part of it that finer
     * voxels' centres span (for a voxel twice the finest, exactly the 8 finer voxels' centres; for larger ones a
     * random point of each octant drawn from the key), and the model's logits for it are the mean over the points
     * ({@link TrainingInputs#pool}): a forward model of a coarse scan, whose voxel is the average of the scroll over its
     * volume. Voxels of the finest size, and every voxel without a key, are read at their centres.
     */
    public Lookup lookup(long[] indices, long jitterKey) {
        SplitMix64 jitter = jitterKey == NO_JITTER ? null : SplitMix64.forKey(jitterKey, 7, indices.length);
        int n = indices.length, levels = spec.levels().size();
        int[] boxes = jitter == null ? new int[0] : java.util.stream.IntStream.range(0, n).filter(i -> coarser(layout.find(indices[i]))).toArray();
        int slots = n + (BOX_POINTS - 1) * boxes.length;
        int fixedWidth = 6 * spec.fourierFrequencies() + indexBits;
        long[][] rowsOut = new long[levels][];
        float[][] weightsOut = new float[levels][];
        for (int l = 0; l < levels; l++) {
            rowsOut[l] = new long[slots * taps[l]];
            weightsOut[l] = new float[slots * taps[l]];
        }
        Lookup k = new Lookup(slots, rowsOut, weightsOut, new float[slots * fixedWidth], new long[slots], fixedWidth, new float[slots], n, boxes);
        double[] offset = new double[3];
        Stencil stencil = new Stencil();
        for (int i = 0, b = 0; i < n; i++) {
            Region r = layout.find(indices[i]);
            if (b == boxes.length || boxes[b] != i) {
                java.util.Arrays.fill(offset, 0);
                place(k, i, indices[i], r, offset, stencil);
                continue;
            }
            for (int p = 0; p < BOX_POINTS; p++) {
                for (int a = 0; a < 3; a++) {
                    double ratio = r.voxelUm()[a] / frameVoxel[r.frame()][a];
                    offset[a] = ratio <= 1 ? 0 : ((p >> a & 1) == 1 ? 1 : -1) * ratio / 4 + (2 * jitter.nextDouble() - 1) * Math.max(0, ratio / 4 - 0.5);
                }
                place(k, p == 0 ? i : n + (BOX_POINTS - 1) * b + p - 1, indices[i], r, offset, stencil);
            }
            b++;
        }
        return k;
    }

    /** Whether {@code r} is a volume with voxels larger than its frame's finest along some axis. */
    private boolean coarser(Region r) {
        if (r == null || !r.volume()) return false;
        for (int a = 0; a < 3; a++) if (r.voxelUm()[a] > frameVoxel[r.frame()][a] * (1 + 1e-9)) return true;
        return false;
    }

    /** Writes slot {@code slot} of {@code k}: {@code index} read at its voxel centre moved by {@code offset} frame voxels. */
    private void place(Lookup k, int slot, long index, Region r, double[] offset, Stencil stencil) {
        int fixedWidth = k.fixedWidth(), fo = slot * fixedWidth;
        int bitsFrom = fo + 6 * spec.fourierFrequencies();
        float[] fixed = k.fixed();
        bits.encode(index, fixed, bitsFrom); // checks the index too
        k.channels()[slot] = r == null ? IndexLayout.CHANNELS - 1 : r.channel();
        if (r == null || !r.volume()) return;
        if (r.label()) k.label()[slot] = 1;
        long local = index - r.offset();
        long x = (local >>> r.byteBits()) & ((1L << r.xBits()) - 1);
        long y = (local >>> (r.byteBits() + r.xBits())) & ((1L << r.yBits()) - 1);
        long z = (local >>> (r.byteBits() + r.xBits() + r.yBits())) & ((1L << r.zBits()) - 1);
        // the coordinate bits are zeroed: position enters through the grids
        for (int j = r.byteBits(); j < r.blockBits(); j++) fixed[bitsFrom + indexBits - 1 - j] = 0f;
        int f = r.frame();
        long[] v = {x, y, z};
        double[] pos = new double[3];
        for (int a = 0; a < 3; a++) pos[a] = (r.originUm()[a] + (v[a] + 0.5) * r.voxelUm()[a] - frameMin[f][a]) / frameVoxel[f][a] + offset[a];
        for (int q = 0; q < spec.fourierFrequencies(); q++) {
            double scale = Math.PI * (1 << q);
            for (int a = 0; a < 3; a++) {
                double u = scale * pos[a] / frameExtent[f][a];
                fixed[fo + (q * 3 + a) * 2] = (float) Math.sin(u);
                fixed[fo + (q * 3 + a) * 2 + 1] = (float) Math.cos(u);
            }
        }
        for (int l = 0; l < spec.levels().size(); l++) vertices(l, f, pos, k.rows()[l], k.weights()[l], slot * taps[l], stencil);
    }

    /** Per axis, the vertices a point reads and their weights: scratch reused for every point of one lookup. */
    private static final class Stencil {
        final long[][] vertex = new long[3][4];
        final double[][] weight = new double[3][4];
        final int[] count = new int[3];
    }

    /**
     * The {@code taps(l)} vertex rows and weights of level {@code l} around {@code pos} (frame voxels): per axis 2
     * vertices with linear weights, or 4 with the cubic B-spline's, clamped to the level's vertices; the weights of a
     * point sum to 1.
     */
    private void vertices(int l, int frame, double[] pos, long[] rowOut, float[] wOut, int at, Stencil st) {
        GeometrySpec.GridLevel g = spec.levels().get(l);
        long[] d = dims[l][frame];
        for (int a = 0; a < 3; a++) {
            double u = pos[a] / (a == 0 ? g.cellX() : a == 1 ? g.cellY() : g.cellZ());
            long v0 = (long) Math.floor(u);
            double t = u - v0;
            long[] v = st.vertex[a];
            double[] w = st.weight[a];
            if (cubic[l][a]) {
                st.count[a] = 4;
                bspline(t, w);
                for (int j = 0; j < 4; j++) v[j] = Math.max(0, Math.min(d[a] - 1, v0 - 1 + j));
            } else {
                st.count[a] = 2;
                v[0] = v0;
                v[1] = v0 + 1;
                w[0] = 1 - t;
                w[1] = t;
            }
        }
        int c = 0;
        for (int iz = 0; iz < st.count[2]; iz++) {
            for (int iy = 0; iy < st.count[1]; iy++) {
                for (int ix = 0; ix < st.count[0]; ix++, c++) {
                    long vx = st.vertex[0][ix], vy = st.vertex[1][iy], vz = st.vertex[2][iz];
                    long row;
                    if (denseBase[l] != null) {
                        row = denseBase[l][frame] + vx + d[0] * (vy + d[1] * vz);
                    } else {
                        long h = (vx * PRIMES[0]) ^ (vy * PRIMES[1]) ^ (vz * PRIMES[2]) ^ (frame * PRIMES[3]);
                        row = Math.floorMod(h, (long) rows);
                    }
                    rowOut[at + c] = row;
                    wOut[at + c] = (float) (st.weight[0][ix] * st.weight[1][iy] * st.weight[2][iz]);
                }
            }
        }
    }

    /** Writes the uniform cubic B-spline's weights of the vertices at −1, 0, 1 and 2 for a point at {@code t} in [0, 1). */
    static void bspline(double t, double[] out) {
        double t2 = t * t, t3 = t2 * t, s = 1 - t;
        out[0] = s * s * s / 6;
        out[1] = (3 * t3 - 6 * t2 + 4) / 6;
        out[2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
        out[3] = t3 / 6;
    }

    /**
     * The rows of one grid table a training batch reads, gathered into {@code values}: a leaf array owned by the step
     * whose gradient, after the backward pass, is the table's gradient on those rows (every other row's is zero).
     *
     * @param param  the table's parameter name
     * @param rows   the rows, ascending and distinct
     * @param values {@code [rows.length, features]}, a copy of the table's rows
     */
    public record TouchedRows(String param, long[] rows, NDArray values) {}

    /**
     * A training batch's first-layer input (one row per slot of its {@link Lookup}), the grid rows it reads (the only
     * rows its update needs to touch), and which samples are boxes read at {@value #BOX_POINTS} slots.
     */
    public record TrainingInputs(NDArray inputs, List<TouchedRows> touched, int samples, int[] boxes) {
        /** Inputs of a batch whose samples are one slot each. */
        public static TrainingInputs ofPoints(NDArray inputs, List<TouchedRows> touched) {
            return new TrainingInputs(inputs, touched, (int) inputs.getShape().get(0), new int[0]);
        }

        /**
         * Per-sample rows from per-slot rows {@code [slots, d]} (logits, or any output of the network): a sample's own
         * row, or for a box the mean of its {@value #BOX_POINTS} slots. Differentiable; owned by the manager of
         * {@code perSlot}.
         */
        public NDArray pool(NDArray perSlot) {
            if (boxes.length == 0) return perSlot;
            NDManager m = perSlot.getManager();
            int n = samples, nb = boxes.length;
            NDArray primary = perSlot.get(new NDIndex("0:" + n));
            NDArray rest = perSlot.get(new NDIndex(n + ":")).reshape(nb, BOX_POINTS - 1, -1).sum(new int[] {1});
            long[] boxIdx = new long[nb], pointIdx = new long[n - nb], order = new long[n];
            for (int i = 0, b = 0, q = 0; i < n; i++) {
                if (b < nb && boxes[b] == i) { boxIdx[b] = i; order[i] = (n - nb) + b++; }
                else { pointIdx[q] = i; order[i] = q++; }
            }
            NDArray boxRows = primary.get(new NDIndex("{}", index(m, boxIdx, perSlot))).add(rest).div((float) BOX_POINTS);
            if (nb == n) return boxRows;
            NDArray pointRows = primary.get(new NDIndex("{}", index(m, pointIdx, perSlot)));
            return NDArrays.concat(new NDList(pointRows, boxRows), 0).get(new NDIndex("{}", index(m, order, perSlot)));
        }

        private static NDArray index(NDManager m, long[] values, NDArray like) {
            return m.create(values).toDevice(like.getDevice(), false);
        }
    }

    /**
     * The first layer's input {@code [n, inputSize()]} for a batch read at voxel centres, owned by {@code step}: grid
     * features, Fourier features and bits, channel embedding. Gradients reach the grid and channel tables ({@code param}).
     */
    public NDArray inputs(NDManager step, long[] indices, Function<String, NDArray> param, ai.djl.Device device) {
        return build(step, lookup(indices), param, device, null);
    }

    /**
     * The first layer's input for a training batch: coarse voxels are boxes read at several points
     * ({@link #lookup(long[], long)}, the key draws their points), and each grid level reads a gathered copy of the
     * rows the batch reaches ({@link TouchedRows}) instead of its whole table, so the backward pass and the optimizer
     * touch only those rows, not the 2^{@code log2TableSize} rows of every level (a serial step reaches at most 8 per
     * level).
     */
    public TrainingInputs trainingInputs(NDManager step, long[] indices, Function<String, NDArray> param, ai.djl.Device device, long jitterKey) {
        List<TouchedRows> touched = new ArrayList<>();
        Lookup k = lookup(indices, jitterKey);
        NDArray in = build(step, k, param, device, touched);
        return new TrainingInputs(in, List.copyOf(touched), k.samples(), k.boxes());
    }

    private NDArray build(NDManager step, Lookup k, Function<String, NDArray> param, ai.djl.Device device, List<TouchedRows> touched) {
        int n = k.size();
        NDList parts = new NDList();
        NDArray mask = null;
        if (k.anyLabel()) {
            mask = step.create(k.label(), new Shape(n, 1)).toDevice(device, false);
            mask.attach(step);
        }
        for (int l = 0; l < spec.levels().size(); l++) {
            NDArray table = param.apply(gridName(l));
            long[] rows = k.rows()[l];
            if (touched != null) { // read a gathered copy of the rows reached, indexed by their position in it
                long[] at = new long[rows.length];
                long[] distinct = distinct(rows, this.rows, at);
                NDArray where = step.create(distinct).toDevice(device, false);
                where.attach(step);
                NDArray detached = table.stopGradient();
                detached.attach(step);
                NDArray values = detached.get(new NDIndex("{}", where));
                values.attach(step);
                values.setRequiresGradient(true);
                touched.add(new TouchedRows(gridName(l), distinct, values));
                table = values;
                rows = at;
            }
            NDArray rowsNd = step.create(rows).toDevice(device, false);
            NDArray wNd = step.create(k.weights()[l], new Shape((long) n * taps[l], 1)).toDevice(device, false);
            rowsNd.attach(step);
            wNd.attach(step);
            // the embedding op: advanced indexing's backward is not reproducible; torch.gather's is 3x faster on 2048 x 64
            // rows but left the demo's training time as it was (docs/reconstruction.md, "The basis between grid vertices")
            NDArray feats = table.getNDArrayInternal().embedding(rowsNd, table, SparseFormat.DENSE).singletonOrThrow();
            NDArray grid = feats.mul(wNd).reshape(n, taps[l], spec.features()).sum(new int[] {1});
            if (mask != null) { // label samples read the grids through a stop-gradient
                grid = grid.stopGradient().mul(mask).add(grid.mul(mask.neg().add(1f)));
            }
            parts.add(grid);
        }
        NDArray fixed = step.create(k.fixed(), new Shape(n, k.fixedWidth())).toDevice(device, false);
        fixed.attach(step);
        parts.add(fixed);
        if (spec.channelDim() > 0) {
            NDArray table = param.apply(CHANNEL);
            NDArray ch = step.create(k.channels()).toDevice(device, false);
            ch.attach(step);
            parts.add(table.getNDArrayInternal().embedding(ch, table, SparseFormat.DENSE).singletonOrThrow());
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /**
     * The distinct values of {@code rows} (each in {@code [0, tableRows)}), ascending, and in {@code at} each row's
     * position among them: a pass marking the rows reached and one over the table, linear in both (a B-spline batch
     * reads up to 64 rows per point, where sorting them cost more than the step's arithmetic).
     */
    static long[] distinct(long[] rows, int tableRows, long[] at) {
        int[] position = new int[tableRows];
        for (long r : rows) position[(int) r] = 1;
        int u = 0;
        for (int r = 0; r < tableRows; r++) if (position[r] != 0) position[r] = ++u;
        long[] out = new long[u];
        for (int r = 0; r < tableRows; r++) if (position[r] != 0) out[position[r] - 1] = r;
        for (int i = 0; i < rows.length; i++) at[i] = position[(int) rows[i]] - 1;
        return out;
    }
}
