package org.scrollwork.io.vesuvius;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.scrollwork.io.FormatException;

/**
 * A Volume Cartographer volume package ({@code scroll.volpkg/}): its volumes {@code volumes/<id>/} (numbered TIFF slices
 * and a {@code meta.json}) and its segments {@code paths/<id>/}. A package, or its {@code volumes/} folder, stands for one
 * of its volumes: the only one, or the one named.
 *
 * @param root     the package folder
 * @param volumes  its volume ids, sorted
 * @param segments its segment ids, sorted
 */
public record VolumePackage(Path root, List<String> volumes, List<String> segments) {
    public static final String VOLUMES = "volumes";
    public static final String PATHS = "paths";

    public VolumePackage {
        volumes = List.copyOf(volumes);
        segments = List.copyOf(segments);
    }

    /**
     * The package {@code path} is, or whose {@code volumes/} folder it is; empty for anything else (a volume folder
     * {@code volumes/<id>/} itself is a volume, not a package).
     */
    public static Optional<VolumePackage> find(Path path) {
        Path root;
        if (Files.isDirectory(path.resolve(VOLUMES))) {
            root = path;
        } else {
            Path abs = path.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs) || abs.getFileName() == null || !abs.getFileName().toString().equals(VOLUMES) || abs.getParent() == null) {
                return Optional.empty();
            }
            if (subfolders(abs).isEmpty()) return Optional.empty();
            root = abs.getParent();
        }
        return Optional.of(new VolumePackage(root, subfolders(root.resolve(VOLUMES)), subfolders(root.resolve(PATHS))));
    }

    /** The folder of volume {@code id}. */
    public Path volumeFolder(String id) { return root.resolve(VOLUMES).resolve(id); }

    /** The folder of segment {@code id}. */
    public Path segmentFolder(String id) { return root.resolve(PATHS).resolve(id); }

    /**
     * The folder of the volume named {@code id}, or of the only volume when {@code id} is empty.
     *
     * @throws FormatException naming the package and listing its volumes when there is none, the choice is ambiguous or
     *                         {@code id} is not one of them
     */
    public Path volume(Optional<String> id) {
        if (volumes.isEmpty()) throw new FormatException(root, "volume package has no volumes in " + root.resolve(VOLUMES));
        if (id.isPresent()) {
            if (!volumes.contains(id.get())) {
                throw new FormatException(root, "volume package has no volume '" + id.get() + "'; its volumes: " + String.join(", ", volumes));
            }
            return volumeFolder(id.get());
        }
        if (volumes.size() > 1) {
            throw new FormatException(root, "volume package has " + volumes.size() + " volumes (" + String.join(", ", volumes)
                    + "); choose one with --volume ID, or give its folder " + volumeFolder(volumes.get(0)));
        }
        return volumeFolder(volumes.get(0));
    }

    /**
     * The scan a command-line input stands for: a package's chosen volume folder, or the path itself.
     *
     * @throws FormatException when {@code volumeId} is given for something that is not a package, or as {@link #volume}
     */
    public static Path resolve(Path input, Optional<String> volumeId) {
        Optional<VolumePackage> p = find(input);
        if (p.isPresent()) return p.get().volume(volumeId);
        if (volumeId.isPresent()) throw new FormatException(input, "is not a volume package (no volumes/ folder); --volume " + volumeId.get() + " chooses a package's volume");
        return input;
    }

    private static List<String> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
