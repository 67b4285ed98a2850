package org.scrollwork.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an interrupted writer leaves in a corpus directory: segments still under their temporary name
 * ({@code .seg-00000032.dat.tmp}), segment files the manifest does not name, and temporary manifests.
 * Deleted only under the writer lock, so no live writer's file is touched.
 */
final class Leftovers {
    private static final Pattern SEGMENT = Pattern.compile("seg-[0-9]{8}\\.dat");
    private static final Pattern TEMPORARY_SEGMENT = Pattern.compile("\\.seg-[0-9]{8}\\.dat\\.tmp");

    private Leftovers() {}

    /** The temporary name a segment is written under before it is renamed to {@code segment} and committed. */
    static Path temporary(Path segment) {
        return segment.resolveSibling("." + segment.getFileName() + ".tmp");
    }

    /**
     * Deletes the leftovers of {@code dir} given the committed {@code manifest}; the caller holds the writer lock.
     *
     * @return the names of the files deleted, in directory order
     */
    static List<String> delete(Path dir, Manifest manifest) {
        Set<String> committed = new HashSet<>();
        for (SegmentInfo s : manifest.segments()) committed.add(s.file());
        List<String> deleted = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                boolean orphan = SEGMENT.matcher(n).matches() && !committed.contains(n);
                boolean tmpSegment = TEMPORARY_SEGMENT.matcher(n).matches();
                boolean tmpManifest = n.startsWith("." + Corpus.MANIFEST + ".") && n.endsWith(".tmp");
                if ((orphan || tmpSegment || tmpManifest) && Files.deleteIfExists(p)) deleted.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean corpus directory " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }
}
