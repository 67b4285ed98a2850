package org.scrollwork.experiments.mechanisms;

import java.io.IOException;
import java.nio.file.Path;
import org.scrollwork.files.AtomicFiles;

/** Working directories of experiments: a rerun into the same output replaces what the last run left. */
final class WorkDirs {
    private WorkDirs() {}

    /** {@code dir}, deleted first if it exists (so a corpus can be created there again). */
    static Path fresh(Path dir) throws IOException {
        AtomicFiles.deleteTree(dir);
        return dir;
    }
}
