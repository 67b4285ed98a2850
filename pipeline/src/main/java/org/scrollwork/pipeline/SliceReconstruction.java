package org.scrollwork.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;

/**
 * The reconstruction experiment on a uint8 volume record: every second z slice is held out, the
 * AUNN predicts its voxels (expected byte value), and the result is scored by PSNR against the true
 * voxels, beside the baseline a researcher would use without a model: linear interpolation between
 * the two neighbouring (trained) slices.
 */
public final class SliceReconstruction {
    private SliceReconstruction() {}

    /** PSNR in dB of the AUNN and of linear interpolation on the held-out slices, and the voxel count. */
    public record Result(double aunnPsnrDb, double interpolationPsnrDb, long voxels) {}

    /** Marks slices z = 1, 3, 5, … of a volume record held-out (the last slice stays trained so every held-out slice has two neighbours). */
    public static List<Integer> holdOutOddSlices(Corpus corpus, int recordId) {
        CorpusRecord r = corpus.record(recordId);
        long nx = r.shape().x(), ny = r.shape().y(), nz = r.shape().z();
        List<Integer> held = new ArrayList<>();
        for (int z = 1; z + 1 < nz; z += 2) {
            corpus.mask(recordId, new Box(0, 0, z, nx, ny, z + 1), Role.HELD_OUT);
            held.add(z);
        }
        return held;
    }

    /** Scores the AUNN's expected voxels on the given held-out slices of a uint8 volume record. */
    public static Result score(AunnModel model, Corpus corpus, int recordId, List<Integer> slices) {
        CorpusRecord r = corpus.record(recordId);
        if (r.voxelBytes() != 1) throw new IllegalArgumentException("record " + recordId + " is not 8-bit");
        int nx = (int) r.shape().x(), ny = (int) r.shape().y();
        double seModel = 0, seInterp = 0;
        long n = 0;
        long[] idx = new long[nx * ny];
        for (int z : slices) {
            int i = 0;
            for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) idx[i++] = r.indexOf(x, y, z, 0);
            double[] predicted = Predictor.expectation(model, idx, 4096);
            i = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    double truth = corpus.byteAt(idx[i]);
                    double interp = 0.5 * (corpus.byteAt(r.indexOf(x, y, z - 1, 0)) + corpus.byteAt(r.indexOf(x, y, z + 1, 0)));
                    seModel += (predicted[i] - truth) * (predicted[i] - truth);
                    seInterp += (interp - truth) * (interp - truth);
                    n++;
                }
            }
        }
        return new Result(psnr(seModel / n), psnr(seInterp / n), n);
    }

    /** PSNR in dB for 8-bit data with the given mean squared error. */
    public static double psnr(double mse) { return 10 * Math.log10(255.0 * 255.0 / mse); }
}
