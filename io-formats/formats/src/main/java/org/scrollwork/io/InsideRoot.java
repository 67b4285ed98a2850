package org.scrollwork.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule every store or folder reader follows (Zarr metadata and chunks, a TIFF slice folder's slices,
 * a NRRD header's detached data file, a segment's parts): a file is opened only when it resolves, symbolic
 * links followed, inside the root of the store or folder it belongs to.
 */
public final class InsideRoot {
    private InsideRoot() {}

    /**
     * Returns {@code file} when it lies inside {@code root}, also after following symbolic links. A file that
     * does not exist passes (nothing is opened; the reader reports it as missing).
     *
     * @throws FormatException naming {@code file} when it lies or leads outside {@code root}
     */
    public static Path check(Path root, Path file) {
        Path absRoot = root.toAbsolutePath().normalize();
        if (!file.toAbsolutePath().normalize().startsWith(absRoot)) {
            throw new FormatException(file, "lies outside " + root + "; files of a store or folder are read only inside it");
        }
        if (!Files.exists(file)) return file;
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                throw new FormatException(file, "leads outside " + root + " through a symbolic link; files of a store or folder are read only inside it");
            }
        } catch (IOException e) {
            throw new FormatException(file, "cannot resolve its real path: " + e.getMessage(), e);
        }
        return file;
    }

    /** Whether {@code file} passes {@link #check}. */
    public static boolean isInside(Path root, Path file) {
        try {
            check(root, file);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }
}
