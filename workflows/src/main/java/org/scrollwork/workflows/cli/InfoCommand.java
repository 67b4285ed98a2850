package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.io.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scrollwork info PATH}: a scan's metadata as JSON, read from headers only. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints a scan's metadata as JSON (format, shape [x,y,z], dtype, voxelSizeUm, energyKeV, levels). Reads headers only.")
public final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(paramLabel = "PATH", description = "a TIFF file, a slice folder, an OME-Zarr store, NRRD, HDF5, PNG or JPEG file")
    Path path;

    @Override public Integer call() {
        spec.commandLine().getOut().println(Json.write(Json.info(Formats.info(path))));
        return 0;
    }
}
