package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.io.DataType;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.pipeline.render.Renderer;
import org.scrollwork.pipeline.Progress;

/**
 * Images of a corpus volume record: its stored voxels, or what a model predicts for a box of it
 * (the expected voxel value {@code E[v] = sum_k 256^(n-1-k) E[b_k]}, most significant byte first,
 * as a 32-bit image). Calibrated with the record's voxel size.
 */
public final class RecordImages {
    private RecordImages() {}

    /** The record's stored voxels, in its own type. */
    public static ImagePlus stored(Corpus corpus, int recordId, Progress progress) {
        CorpusRecord r = volumeRecord(corpus, recordId);
        int w = (int) r.shape().x(), h = (int) r.shape().y(), d = (int) r.shape().z();
        int vb = r.voxelBytes();
        ImageStack stack = new ImageStack(w, h);
        byte[] plane = new byte[w * h * vb];
        try (Progress.Task task = progress.start("Reading record " + recordId + ", slice", d)) {
            for (int z = 0; z < d; z++) {
                task.advance(z, d, " " + (z + 1) + "/" + d);
                for (int y = 0; y < h; y++) corpus.read(r.indexOf(0, y, z, 0), plane, y * w * vb, w * vb);
                Object voxels = VoxelArrays.decode(r.dataType(), ByteBuffer.wrap(plane), w * h, ByteOrder.BIG_ENDIAN);
                stack.addSlice(null, ImagePlusVolumes.processor(r.dataType(), voxels, w, h));
            }
        }
        ImagePlus imp = new ImagePlus("record " + recordId, stack);
        if (r.dataType() == DataType.INT16) imp.getCalibration().setSigned16BitCalibration();
        r.meta().voxelSizeUm().ifPresent(v -> ImagePlusVolumes.calibrate(imp, v));
        imp.resetDisplayRange();
        return imp;
    }

    /** The model's expected voxels over a box of an unsigned integer volume record (uint8 or uint16). */
    public static ImagePlus predicted(AunnModel model, Corpus corpus, int recordId, Box box, Progress progress) {
        CorpusRecord r = volumeRecord(corpus, recordId);
        if (r.dataType() != DataType.UINT8 && r.dataType() != DataType.UINT16) {
            throw new IllegalArgumentException("record " + recordId + " holds " + r.dataType().numpyName()
                    + "; the model's expected value is defined for uint8 and uint16 records");
        }
        if (!box.within(r.shape())) throw new IllegalArgumentException("box " + box + " is outside record " + recordId + " of shape " + r.shape());
        int w = (int) (box.x1() - box.x0()), h = (int) (box.y1() - box.y0()), d = (int) (box.z1() - box.z0());
        ImageStack stack = new ImageStack(w, h);
        try (Progress.Task task = progress.start("Predicting slice", d)) {
            for (int z = 0; z < d; z++) {
                task.advance(z, d, " " + (z + 1) + "/" + d);
                double[] e = Renderer.render(model, r, new Box(box.x0(), box.y0(), box.z0() + z, box.x1(), box.y1(), box.z0() + z + 1));
                float[] out = new float[w * h];
                for (int i = 0; i < out.length; i++) out[i] = (float) e[i];
                stack.addSlice(null, new FloatProcessor(w, h, out));
            }
        }
        ImagePlus imp = new ImagePlus("record " + recordId + " predicted", stack);
        r.meta().voxelSizeUm().ifPresent(v -> ImagePlusVolumes.calibrate(imp, v));
        imp.resetDisplayRange();
        return imp;
    }

    /** The whole extent of a record as a box. */
    public static Box whole(Corpus corpus, int recordId) {
        CorpusRecord r = volumeRecord(corpus, recordId);
        return new Box(0, 0, 0, r.shape().x(), r.shape().y(), r.shape().z());
    }

    private static CorpusRecord volumeRecord(Corpus corpus, int recordId) {
        if (recordId < 0 || recordId >= corpus.records().size()) {
            throw new IllegalArgumentException("corpus " + corpus.directory() + " has no record " + recordId + " (it has " + corpus.records().size() + ")");
        }
        CorpusRecord r = corpus.record(recordId);
        if (r.kind() != RecordKind.VOLUME) throw new IllegalArgumentException("record " + recordId + " of " + corpus.directory() + " is " + r.kind() + ", not a volume");
        if (r.shape().x() * r.shape().y() > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("record " + recordId + " has slices too large for ImageJ");
        return r;
    }
}
