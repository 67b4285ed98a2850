package org.scrollwork.io;

import java.nio.file.Path;
import java.util.List;

/**
 * What a file or store holds, parsed from headers only: its format and one {@link LevelInfo} per
 * resolution level, finest first. Single-resolution formats have one level.
 */
public record DatasetInfo(String format, Path path, List<LevelInfo> levels) {
    public DatasetInfo {
        if (levels.isEmpty()) throw new IllegalArgumentException("a dataset has at least one level");
        levels = List.copyOf(levels);
    }

    public LevelInfo level(int i) { return levels.get(i); }
}
