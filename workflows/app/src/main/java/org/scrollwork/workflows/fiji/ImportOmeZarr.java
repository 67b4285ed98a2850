package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.pipeline.Progress;

/** File &gt; Import &gt; OME-Zarr (Scrollwork)...: asks for a {@code .zarr} store, then a pyramid level, and opens it as a stack. */
public final class ImportOmeZarr extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        Path path = Path.of(new Parameters("OME-Zarr (Scrollwork)").rememberedDirectory("path to the .zarr store", PREF + "zarr").ask().required("path"));
        String[] levels = VolumeImport.levelChoices(path);
        int level = levels.length == 1 ? 0
                : VolumeImport.parseLevel(new Parameters("OME-Zarr (Scrollwork)").message(path.getFileName() + " has " + levels.length + " resolution levels")
                        .choice("level", levels, levels[0]).ask().required("level"));
        Prefs.set(PREF + "zarr", path.toString());
        return VolumeImport.open(path, level, progress);
    }
}
