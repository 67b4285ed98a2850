package org.scrollwork.pipeline.eval;

import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.DataType;

/** The stored voxels of an unsigned 8- or 16-bit volume record, as values (x fastest). */
public final class RecordVoxels {
    private RecordVoxels() {}

    /**
     * Every voxel of the record, read row by row (a row of x is contiguous in the index space).
     *
     * @throws IllegalArgumentException if the record is not uint8 or uint16 or holds more than 2^31 voxels
     */
    public static double[] read(Corpus corpus, CorpusRecord r) {
        if (r.dataType() != DataType.UINT8 && r.dataType() != DataType.UINT16) {
            throw new IllegalArgumentException("record " + r.id() + " is " + r.dataType() + "; only uint8 and uint16 records are read as values");
        }
        if (r.shape().voxels() > Integer.MAX_VALUE) throw new IllegalArgumentException("record " + r.id() + " has too many voxels to hold as one array");
        int nx = (int) r.shape().x(), ny = (int) r.shape().y(), nz = (int) r.shape().z();
        int bpv = r.voxelBytes(), stride = r.paddedVoxelBytes();
        double[] out = new double[nx * ny * nz];
        byte[] row = new byte[nx * stride];
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                corpus.read(r.indexOf(0, y, z, 0), row, 0, (nx - 1) * stride + bpv);
                for (int x = 0; x < nx; x++) {
                    int v = 0;
                    for (int b = 0; b < bpv; b++) v = (v << 8) | (row[x * stride + b] & 0xff);
                    out[i++] = v;
                }
            }
        }
        return out;
    }

    /** Every voxel of a uint8 or uint16 volume as values, x fastest (for a noise-free reference volume). */
    public static double[] read(org.scrollwork.io.Volume<?> v) {
        long[] sh = v.shape();
        if (sh[0] * sh[1] * sh[2] > Integer.MAX_VALUE) throw new IllegalArgumentException("too many voxels to hold as one array");
        double[] out = new double[(int) (sh[0] * sh[1] * sh[2])];
        int i = 0;
        for (net.imglib2.type.numeric.RealType<?> t : net.imglib2.view.Views.flatIterable(v.image())) out[i++] = t.getRealDouble(); // x fastest
        return out;
    }
}
