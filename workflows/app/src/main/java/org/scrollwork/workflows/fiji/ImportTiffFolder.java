package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.pipeline.Progress;

/** File &gt; Import &gt; TIFF slice folder (Scrollwork)...: a folder of {@code 00000.tif, 00001.tif, ...} as a stack. */
public final class ImportTiffFolder extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        Path path = Path.of(new Parameters("TIFF slice folder (Scrollwork)").rememberedDirectory("folder of 00000.tif, 00001.tif, ...", PREF + "tiffs")
                .ask().required("folder"));
        Prefs.set(PREF + "tiffs", path.toString());
        return VolumeImport.open(path, 0, progress);
    }
}
