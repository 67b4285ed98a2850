package org.scrollwork.workflows.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.io.vesuvius.VolumePackage;
import picocli.CommandLine.Option;

/** The {@code --volume ID} option of commands that take a Volume Cartographer package (a picocli mixin). */
public final class VolumeChoice {
    @Option(names = "--volume", paramLabel = "ID", description = "which volume of a .volpkg (its folder volumes/ID/); needed when it has several")
    String volume;

    /** The scan {@code input} stands for: the chosen volume of a package (or of its volumes/ folder), or {@code input} itself. */
    public Path resolve(Path input) { return VolumePackage.resolve(input, Optional.ofNullable(volume)); }

    /** As {@link #resolve}, and a segment folder stands for its surface volume ({@code layers/}). */
    public Path resolveScan(Path input) {
        return VolumePackage.find(input).isEmpty() && Segment.isSegment(input) && volume == null ? Segment.parts(input).layers() : resolve(input);
    }
}
