package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What a file or store holds, parsed from headers only: its format and one {@link LevelInfo} per
 * resolution level, finest first. Single-resolution formats have one level.
 *
 * @param path the file or folder read, {@code null} when it was read over HTTP(S)
 * @param url the URL read, {@code null} for a local file or folder
 */
public record DatasetInfo(String format, Path path, List<LevelInfo> levels, URI url) {
    public DatasetInfo {
        if (levels.isEmpty()) throw new IllegalArgumentException("a dataset has at least one level");
        if ((path == null) == (url == null)) throw new IllegalArgumentException("a dataset is read from a path or from a URL");
        levels = List.copyOf(levels);
    }

    /** A dataset read from a local file or folder. */
    public DatasetInfo(String format, Path path, List<LevelInfo> levels) {
        this(format, path, levels, null);
    }

    /** A dataset read over HTTP(S). */
    public DatasetInfo(String format, URI url, List<LevelInfo> levels) {
        this(format, null, levels, url);
    }

    /** Where it was read from: the path, or the URL. */
    public String source() { return url != null ? url.toString() : path.toString(); }

    public LevelInfo level(int i) { return levels.get(i); }
}
