package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.io.vesuvius.VolumePackage;
import org.scrollwork.pipeline.ink.InkResult;

/** How {@code run} treats a segment folder: the ink task when it has ink labels (unless {@code --task reconstruct}), and its table. */
final class SegmentInkRun {
    private SegmentInkRun() {}

    /** What {@code --task} asks for. */
    enum Task { AUTO, INK, RECONSTRUCT }

    /**
     * Whether {@code run} on {@code input} is the ink task.
     *
     * @throws org.scrollwork.pipeline.run.RegionException when {@code --task ink} names something that is not a segment with ink labels
     */
    static boolean isInkTask(Path input, Task task) {
        boolean labelled = input != null && VolumePackage.find(input).isEmpty() && Segment.isSegment(input) && Segment.parts(input).inkLabels().isPresent();
        if (task == Task.INK && !labelled) {
            throw new org.scrollwork.pipeline.run.RegionException(input + ": --task ink needs a segment folder with layers/ and <id>_inklabels.png");
        }
        return task == Task.INK || task == Task.AUTO && labelled;
    }

    /** The held-out scores as a table. */
    static void print(PrintWriter out, InkResult r) {
        out.println();
        out.printf(Locale.ROOT, "Ink labels of the held-out box %s of segment %s (%d pixels, %d of them ink; %d×%d×%d surface), %d steps in %.0f s:%n",
                r.labelBox(), r.segment(), r.heldOutPixels(), r.heldOutInk(), r.size()[0], r.size()[1], r.size()[2], r.steps(), r.trainSeconds());
        out.println("| method         | rule                                     | precision | recall | F0.5  | Dice  |");
        out.println("|----------------|------------------------------------------|----------:|-------:|------:|------:|");
        row(out, "AUNN", r.aunn());
        row(out, "grey threshold", r.grey());
        row(out, "smoothed grey", r.smoothedGrey());
        out.printf(Locale.ROOT, "The AUNN's threshold was chosen on the validation tiles of the known labels (F0.5 %.3f there), the grey thresholds' layer, "
                + "smoothing and value on all known labels.%n", r.validationF05());
    }

    private static void row(PrintWriter out, String name, InkResult.Method m) {
        out.printf(Locale.ROOT, "| %-14s | %-40s | %9.3f | %6.3f | %5.3f | %5.3f |%n", name, m.rule(), m.precision(), m.recall(), m.f05(), m.dice());
    }
}
