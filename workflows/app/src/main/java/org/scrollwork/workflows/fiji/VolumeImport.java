package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.Progress;

/**
 * Opens any volume Scrollwork reads (OME-Zarr pyramids, TIFF slice folders, TIFF stacks, NRRD,
 * HDF5) as a calibrated ImageJ stack, through {@link Formats#read}: same metadata, same errors as the
 * command line.
 */
public final class VolumeImport {
    private VolumeImport() {}

    /** One line per resolution level, e.g. {@code "1: 48×48×32 uint8, 8.00 µm"}, finest first. */
    public static String[] levelChoices(Path path) {
        DatasetInfo info = Formats.info(path);
        List<LevelInfo> levels = info.levels();
        String[] out = new String[levels.size()];
        for (int i = 0; i < out.length; i++) {
            LevelInfo l = levels.get(i);
            long[] s = l.shape();
            out[i] = i + ": " + s[0] + "×" + s[1] + "×" + s[2] + " " + l.meta().dataType().numpyName()
                    + l.meta().voxelSizeUm().map(v -> String.format(", %.2f µm", v.xUm())).orElse(", uncalibrated");
        }
        return out;
    }

    /** The level number at the start of a {@link #levelChoices} line (or a bare number from a macro). */
    public static int parseLevel(String choice) {
        String s = choice.trim();
        int colon = s.indexOf(':');
        String n = colon < 0 ? s : s.substring(0, colon);
        try {
            return Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("level must be a number or a line such as '0: 96×96×64 uint8': '" + choice + "'", e);
        }
    }

    /**
     * Reads one level into an ImageJ stack titled with the file name (and level when above 0).
     *
     * @throws org.scrollwork.io.FormatException naming the file when it is not a readable volume
     * @throws IllegalArgumentException if the level does not exist
     */
    public static ImagePlus open(Path path, int level, Progress progress) {
        int levels = Formats.info(path).levels().size();
        if (level < 0 || level >= levels) throw new IllegalArgumentException(path + " has levels 0.." + (levels - 1) + ", not " + level);
        progress.log("Opening " + path.getFileName() + " level " + level);
        Volume<?> v = Formats.read(path, level);
        String title = path.getFileName().toString() + (levels > 1 ? " [level " + level + "]" : "");
        ImagePlus imp = ImagePlusVolumes.toImagePlus(v, title, progress);
        imp.setProp("scrollwork.source", path.toAbsolutePath().toString());
        return imp;
    }
}
