package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import java.awt.Rectangle;
import java.nio.file.Path;
import org.scrollwork.corpus.Box;
import org.scrollwork.workflows.app.TrainingSettings;
import org.scrollwork.pipeline.Progress;

/**
 * Plugins &gt; Scrollwork &gt; Reconstruct box...: holds out the rectangle selection (the whole slice without one) over a
 * slice range, trains an AUNN on the rest of the image and shows its reconstruction of the box.
 */
public final class ReconstructBox extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters p = new Parameters("Reconstruct box")
                .message("Holds out the rectangle selection (the whole slice without one) over the slice range,")
                .message("trains an AUNN on the rest of the image and shows its reconstruction of the box.")
                .number("first slice", 1).number("last slice", imp.getStackSize())
                .directory("work directory", defaultWorkDir(imp, "reconstruct"));
        Parameters.Values v = TrainingFields.addTo(p, TrainingSettings.QUICK).ask();
        Box box = box(imp, v.integer("first"), v.integer("last"));
        BoxReconstruction.Result r = BoxReconstruction.run(imp, box, Path.of(v.required("work")), TrainingFields.from(v), progress);
        IJ.log(String.format("Scrollwork: reconstructed x %d..%d, y %d..%d, slices %d..%d of '%s': held-out %.3f bits/byte, RMS error %.2f against the image",
                box.x0(), box.x1() - 1, box.y0(), box.y1() - 1, box.z0() + 1, box.z1(), imp.getTitle(), r.heldOutBits(), r.rmse()));
        return r.image();
    }

    /** The box of the rectangle selection's bounds (the whole slice without one) over slices {@code first..last} (1-based, inclusive). */
    static Box box(ImagePlus imp, int first, int last) {
        if (first < 1 || last > imp.getStackSize() || first > last) {
            throw new IllegalArgumentException("slices " + first + ".." + last + " are not a range of '" + imp.getTitle() + "' (1.." + imp.getStackSize() + ")");
        }
        Roi roi = imp.getRoi();
        Rectangle r = roi == null ? new Rectangle(0, 0, imp.getWidth(), imp.getHeight())
                : roi.getBounds().intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
        if (r.isEmpty()) throw new IllegalArgumentException("the selection on '" + imp.getTitle() + "' lies outside the image");
        return new Box(r.x, r.y, first - 1L, r.x + (long) r.width, r.y + (long) r.height, last);
    }
}
