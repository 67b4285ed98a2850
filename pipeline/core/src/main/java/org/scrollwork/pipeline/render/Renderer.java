package org.scrollwork.pipeline.render;

import java.util.function.Consumer;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/**
 * Renders what an AUNN predicts for a box of a volume record: the expected voxel value at every voxel
 * (x fastest), decoded in batches. Multi-byte voxels combine their bytes' expectations most significant
 * first ({@link Predictor#expectedVoxels}).
 *
 * <p>Rendering is sparse first: with {@code stride k > 1} a first pass predicts every k-th voxel along
 * each axis and fills the rest from the nearest predicted voxel (a preview the caller can show or
 * write), then a second pass predicts the remaining voxels.
 */
public final class Renderer {
    /** Indices decoded per forward pass. */
    public static final int BATCH = 8192;

    private Renderer() {}

    /** Expected voxel values of {@code box} of {@code record}, in one dense pass. */
    public static double[] render(AunnModel model, CorpusRecord record, Box box) {
        return render(model, record, box, 1, v -> {});
    }

    /**
     * Expected voxel values of {@code box}: with {@code stride > 1} a sparse pass is handed to
     * {@code preview} (every voxel filled from its nearest predicted one) before the remaining voxels
     * are predicted.
     *
     * @throws IllegalArgumentException if the box is empty or does not lie inside the record
     */
    public static double[] render(AunnModel model, CorpusRecord record, Box box, int stride, Consumer<double[]> preview) {
        if (stride < 1) throw new IllegalArgumentException("stride must be >= 1: " + stride);
        if (box.voxels() <= 0 || !box.within(record.shape())) {
            throw new IllegalArgumentException("box " + box + " is empty or outside record " + record.id() + " of shape " + record.shape());
        }
        int nx = (int) (box.x1() - box.x0()), ny = (int) (box.y1() - box.y0()), nz = (int) (box.z1() - box.z0());
        double[] out = new double[nx * ny * nz];
        boolean[] done = new boolean[out.length];
        if (stride > 1) {
            predict(model, record, box, out, done, i -> i % nx % stride == 0 && i / nx % ny % stride == 0 && i / (nx * ny) % stride == 0);
            double[] p = out.clone();
            for (int i = 0; i < p.length; i++) {
                if (done[i]) continue;
                int x = i % nx, y = i / nx % ny, z = i / (nx * ny);
                p[i] = out[((z - z % stride) * ny + y - y % stride) * nx + x - x % stride];
            }
            preview.accept(p);
        }
        predict(model, record, box, out, done, i -> true);
        return out;
    }

    private interface Pick { boolean test(int i); }

    private static void predict(AunnModel model, CorpusRecord record, Box box, double[] out, boolean[] done, Pick pick) {
        int nx = (int) (box.x1() - box.x0()), ny = (int) (box.y1() - box.y0());
        int bpv = record.voxelBytes();
        int perBatch = Math.max(1, BATCH / bpv);
        int[] voxels = new int[perBatch];
        long[] idx = new long[perBatch * bpv];
        int n = 0;
        for (int i = 0; i <= out.length; i++) {
            if (i < out.length && !done[i] && pick.test(i)) {
                int x = i % nx, y = i / nx % ny, z = i / (nx * ny);
                for (int b = 0; b < bpv; b++) idx[n * bpv + b] = record.indexOf(box.x0() + x, box.y0() + y, box.z0() + z, b);
                voxels[n++] = i;
            }
            if (n == perBatch || (i == out.length && n > 0)) {
                long[] batch = n == perBatch ? idx : java.util.Arrays.copyOf(idx, n * bpv);
                double[] v = Predictor.expectedVoxelValues(model, batch, BATCH, bpv);
                for (int k = 0; k < n; k++) {
                    out[voxels[k]] = v[k];
                    done[voxels[k]] = true;
                }
                n = 0;
            }
        }
    }

    /**
     * Rendered values as a volume of the record's data type (uint8 or uint16; rounded and clamped to its range), with
     * the given metadata's voxel size and provenance.
     */
    public static Volume<?> toVolume(double[] values, Box box, DataType type, ScanMetadata meta) {
        long[] shape = {box.x1() - box.x0(), box.y1() - box.y0(), box.z1() - box.z0()};
        Object arr = switch (type) {
            case UINT8 -> {
                byte[] a = new byte[values.length];
                for (int i = 0; i < a.length; i++) a[i] = (byte) clamp(Math.round(values[i]), 0, 255);
                yield a;
            }
            case UINT16 -> {
                short[] a = new short[values.length];
                for (int i = 0; i < a.length; i++) a[i] = (short) clamp(Math.round(values[i]), 0, 65535);
                yield a;
            }
            default -> throw new IllegalArgumentException("rendering " + type + " voxels is not supported: expected values over bytes are voxel values only for unsigned 8- and 16-bit data");
        };
        return Volumes.wrap(arr, shape, meta.toBuilder().dataType(type).build());
    }

    private static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }
}
