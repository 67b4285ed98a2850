package org.scrollwork.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the place of a file says about the scan in it, beyond its own header: naming conventions, a sidecar
 * {@code meta.json}, a folder layout that holds volumes. {@link Formats} applies every implementation registered with
 * {@link java.util.ServiceLoader} (the Vesuvius Challenge's, in {@code org.scrollwork.io.vesuvius}), so the generic
 * format dispatch does not depend on any one convention.
 */
public interface PathConventions {
    /**
     * {@code fromFile} with what it lacks filled in from the path's conventions; the file's own header wins.
     *
     * @param level0Shape the shape of level 0 when known, to check a sidecar's dimensions against
     * @throws FormatException when the conventions' own files are malformed or contradict the file
     */
    ScanMetadata enrich(Path path, ScanMetadata fromFile, Optional<long[]> level0Shape);

    /**
     * Why a path that no format reads is still something these conventions know (a folder holding volumes), and what to
     * give instead; empty when they have nothing to say about it.
     */
    Optional<String> notAVolume(Path path);
}
