package org.scrollwork.pipeline.mechanism;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working directories of experiments: a rerun into the same output replaces what the last run left. */
final class WorkDirs {
    private WorkDirs() {}

    /** {@code dir}, deleted first if it exists (so a corpus can be created there again). */
    static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        return dir;
    }
}
