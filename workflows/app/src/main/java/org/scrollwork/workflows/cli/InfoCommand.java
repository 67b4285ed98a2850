package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanSource;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.io.vesuvius.VolumePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork info PATH|URL}: a scan's metadata as JSON, read from headers only; a volume package's volumes and segments; a segment's parts. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Prints a scan's metadata as JSON (format, shape [x,y,z], dtype, voxelSizeUm, energyKeV, levels). Reads headers only.",
                "For a volume package (.volpkg or its volumes/ folder) without --volume: its volumes, each with its metadata, and its segments.",
                "For a segment folder (layers/, <id>_inklabels.png, <id>_mask.png): the surface volume and the label images.",
                "PATH may be the http:// or https:// URL of an OME-Zarr store (e.g. a Vesuvius Challenge volume.zarr/): only its metadata is fetched."})
public final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Mixin VolumeChoice volume;

    @Parameters(paramLabel = "PATH", converter = ScanSourceConverter.class,
            description = "a TIFF file, a slice folder, an OME-Zarr store (a folder or an http(s):// URL), NRRD, HDF5, PNG or JPEG file, a .volpkg or a segment folder")
    ScanSource source;

    @Override public Integer call() {
        if (source.isUrl()) {
            if (volume.volume != null) throw new IllegalArgumentException("--volume chooses a volume of a local .volpkg, not of a URL");
            spec.commandLine().getOut().println(Json.write(Json.info(Formats.info(source.url()))));
            return 0;
        }
        Path path = source.path();
        Optional<VolumePackage> pkg = VolumePackage.find(path);
        ObjectNode out;
        if (pkg.isPresent() && volume.volume == null) out = packageInfo(pkg.get());
        else if (pkg.isEmpty() && Segment.isSegment(path)) out = segmentInfo(path);
        else out = Json.info(Formats.info(volume.resolve(path)));
        spec.commandLine().getOut().println(Json.write(out));
        return 0;
    }

    /** A package's volumes (each as {@code info} prints it, without pyramid and provenance, plus its id) and segments (id, folder, whether it has layers). */
    static ObjectNode packageInfo(VolumePackage p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("path", p.root().toString());
        o.put("format", "volpkg");
        var vols = o.putArray("volumes");
        for (String id : p.volumes()) {
            ObjectNode v = vols.addObject();
            v.put("id", id);
            v.setAll(Json.info(Formats.info(p.volumeFolder(id))));
            v.remove(java.util.List.of("pyramid", "provenance")); // info --volume ID prints them
        }
        var segs = o.putArray("segments");
        for (String id : p.segments()) {
            Path f = p.segmentFolder(id);
            segs.addObject().put("id", id).put("path", f.toString()).put("hasLayers", Files.isDirectory(f.resolve(Segment.LAYERS)));
        }
        return o;
    }

    /** A segment's surface volume and, when present, its ink labels and mask, each as {@code info} prints it. */
    static ObjectNode segmentInfo(Path folder) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        Segment.Parts parts = Segment.parts(folder);
        o.put("path", folder.toString());
        o.put("format", "segment");
        o.put("id", parts.id());
        o.set("surface", Json.info(Formats.info(parts.layers())));
        parts.inkLabels().ifPresent(f -> o.set("inkLabels", Json.info(Formats.info(f))));
        parts.mask().ifPresent(f -> o.set("mask", Json.info(Formats.info(f))));
        return o;
    }
}
