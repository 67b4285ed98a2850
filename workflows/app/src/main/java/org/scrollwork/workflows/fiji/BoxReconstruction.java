package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import java.nio.file.Path;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingSettings;
import org.scrollwork.pipeline.Progress;

/**
 * Reconstructs a box of an image: the image goes into a fresh corpus in a work directory, the box
 * is held out (never trained), an AUNN learns the rest, and its expected voxels over the box become
 * a new image. Because the image holds the box's true voxels, the result also carries the RMS
 * error against them.
 */
public final class BoxReconstruction {
    private BoxReconstruction() {}

    /**
     * @param image the reconstruction (32-bit, the box's size, the image's calibration)
     * @param heldOutBits held-out bits per byte at the end of training
     * @param rmse RMS difference between the reconstruction and the image's voxels in the box
     */
    public record Result(ImagePlus image, TrainingRun.Metrics metrics, double heldOutBits, double rmse) {}

    /**
     * @param box voxel box, ends exclusive, inside the image (slices counted from 0)
     * @param workDir gets {@code corpus/} and {@code run/}; must not hold a corpus yet
     */
    public static Result run(ImagePlus imp, Box box, Path workDir, TrainingSettings settings, Progress progress) {
        if (imp.getBitDepth() != 8 && imp.getBitDepth() != 16) {
            throw new IllegalArgumentException("image '" + imp.getTitle() + "' is " + imp.getBitDepth()
                    + "-bit; reconstruction works on 8- and 16-bit images (Image > Type to convert)");
        }
        Path corpusDir = workDir.resolve("corpus");
        if (java.nio.file.Files.exists(corpusDir.resolve("manifest.json"))) {
            throw new IllegalArgumentException("work directory " + workDir + " already holds a corpus; choose a new one");
        }
        try (Corpus corpus = Corpus.create(corpusDir, CorpusOptions.defaults())) {
            CorpusRecord rec = CorpusImages.append(corpus, imp, "ct", progress);
            if (!box.within(rec.shape()) || box.voxels() == 0) {
                throw new IllegalArgumentException("box " + box + " is empty or outside image '" + imp.getTitle() + "' of " + rec.shape());
            }
            corpus.mask(rec.id(), box, Role.HELD_OUT);
            Path runDir = workDir.resolve("run");
            TrainingRun.Metrics m = Training.train(corpus, runDir, settings, progress);
            ImagePlus out;
            try (TrainedModel model = TrainedModel.load(runDir, corpus)) {
                out = RecordImages.predicted(model.model(), corpus, rec.id(), box, progress);
            }
            out.setTitle(imp.getTitle() + " reconstruction");
            ImagePlusVolumes.voxelSize(imp).ifPresent(v -> ImagePlusVolumes.calibrate(out, v));
            return new Result(out, m, m.heldOutBits(), rmse(imp, out, box));
        }
    }

    private static double rmse(ImagePlus truth, ImagePlus predicted, Box box) {
        double se = 0;
        long n = 0;
        int w = (int) (box.x1() - box.x0()), h = (int) (box.y1() - box.y0());
        for (int z = (int) box.z0(); z < box.z1(); z++) {
            var t = truth.getStack().getProcessor(z + 1);
            var p = predicted.getStack().getProcessor((int) (z - box.z0()) + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = p.getf(x, y) - t.getf((int) box.x0() + x, (int) box.y0() + y);
                    se += d * d;
                    n++;
                }
            }
        }
        return Math.sqrt(se / n);
    }
}
