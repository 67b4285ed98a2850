package org.scrollwork.pipeline.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.CorpusRecord;

/**
 * Parallel and multiplexed decoding: the expected voxel values of many ranges (boxes of volume records, of one
 * scroll or several) decoded together, their indices packed into full forward passes of {@code batch} indices
 * regardless of which range they come from, against {@link #decodeEach}, which decodes one range at a time (each
 * range's own, possibly short, forward passes; what calling {@link Renderer#render} per box does). Both give the
 * same values; multiplexing only changes how many forward passes run and how full they are.
 */
public final class MultiRangeDecoder {
    private MultiRangeDecoder() {}

    /** One range to decode: a box of a volume record (end exclusive). */
    public record Range(CorpusRecord record, Box box) {
        public Range {
            if (box.voxels() <= 0 || !box.within(record.shape())) {
                throw new IllegalArgumentException("box " + box + " is empty or outside record " + record.id() + " of shape " + record.shape());
            }
        }

        int voxels() {
            return Math.toIntExact(box.voxels());
        }
    }

    /**
     * All ranges in one stream of forward passes of {@code batch} indices (a voxel's bytes are never split between
     * passes). Returns each range's expected voxel values, x fastest, in the order given.
     */
    public static List<double[]> decode(AunnModel model, List<Range> ranges, int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch must be positive: " + batch);
        List<double[]> out = new ArrayList<>();
        for (Range r : ranges) out.add(new double[r.voxels()]);
        long[] idx = new long[batch];
        int[] ownerRange = new int[batch], ownerVoxel = new int[batch], ownerBytes = new int[batch];
        int n = 0, voxelsInBatch = 0;
        for (int ri = 0; ri < ranges.size(); ri++) {
            Range r = ranges.get(ri);
            int bpv = r.record().voxelBytes();
            if (bpv > batch) throw new IllegalArgumentException("batch " + batch + " is smaller than one voxel of record " + r.record().id());
            for (int v = 0; v < r.voxels(); v++) {
                if (n + bpv > batch) {
                    flush(model, idx, n, voxelsInBatch, ownerRange, ownerVoxel, ownerBytes, out);
                    n = 0;
                    voxelsInBatch = 0;
                }
                fill(r, v, idx, n);
                ownerRange[voxelsInBatch] = ri;
                ownerVoxel[voxelsInBatch] = v;
                ownerBytes[voxelsInBatch++] = bpv;
                n += bpv;
            }
        }
        if (n > 0) flush(model, idx, n, voxelsInBatch, ownerRange, ownerVoxel, ownerBytes, out);
        return out;
    }

    /** One range at a time, each in its own forward passes of at most {@code batch} indices. */
    public static List<double[]> decodeEach(AunnModel model, List<Range> ranges, int batch) {
        List<double[]> out = new ArrayList<>();
        for (Range r : ranges) out.add(decode(model, List.of(r), batch).get(0));
        return out;
    }

    private static void fill(Range r, int v, long[] idx, int at) {
        Box b = r.box();
        long nx = b.x1() - b.x0(), ny = b.y1() - b.y0();
        long x = b.x0() + v % nx, y = b.y0() + v / nx % ny, z = b.z0() + v / (nx * ny);
        for (int k = 0; k < r.record().voxelBytes(); k++) idx[at + k] = r.record().indexOf(x, y, z, k);
    }

    private static void flush(AunnModel model, long[] idx, int n, int voxels, int[] ownerRange, int[] ownerVoxel, int[] ownerBytes, List<double[]> out) {
        double[][] dist = Predictor.distributions(model, n == idx.length ? idx : Arrays.copyOf(idx, n), n);
        int at = 0;
        for (int k = 0; k < voxels; k++) {
            int bpv = ownerBytes[k];
            out.get(ownerRange[k])[ownerVoxel[k]] = Predictor.expectedVoxels(Arrays.copyOfRange(dist, at, at + bpv), bpv)[0];
            at += bpv;
        }
    }
}
