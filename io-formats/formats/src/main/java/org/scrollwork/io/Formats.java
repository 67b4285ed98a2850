package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the registered {@link Format}s (through {@link ServiceLoader}) and picks one for a path; completes what it reads
 * with the registered {@link PathConventions} (the Vesuvius Challenge's).
 */
public final class Formats {
    private static final List<Format> ALL = load();
    private static final List<PathConventions> CONVENTIONS = loadConventions();

    private Formats() {}

    private static List<Format> load() {
        List<Format> list = new ArrayList<>();
        ServiceLoader.load(Format.class, Formats.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    private static List<PathConventions> loadConventions() {
        List<PathConventions> list = new ArrayList<>();
        ServiceLoader.load(PathConventions.class, Formats.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    /** {@code meta} completed by every registered {@link PathConventions}, in service-file order. */
    private static ScanMetadata enrich(Path path, ScanMetadata meta, Optional<long[]> level0Shape) {
        for (PathConventions c : CONVENTIONS) meta = c.enrich(path, meta, level0Shape);
        return meta;
    }

    /** Every registered format, in service-file order. */
    public static List<Format> all() { return ALL; }

    /** The format with this {@link Format#name() name}. */
    public static Optional<Format> byName(String name) {
        return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The format whose checker accepts an existing path. A path {@code file#inner} that does not exist
     * as given but whose part before the first {@code #} does names something inside that file (an HDF5
     * dataset, {@code scan.h5#/exchange/data}); the checkers see the whole path.
     *
     * @throws FormatException if the path does not exist or no format recognises it
     */
    public static Format detect(Path path) {
        if (!Files.exists(path) && !Files.exists(withoutFragment(path))) throw new FormatException(path, "no such file or directory");
        for (Format f : ALL) {
            if (f.createChecker().isFormat(path)) return f;
        }
        for (PathConventions c : CONVENTIONS) {
            Optional<String> why = c.notAVolume(path);
            if (why.isPresent()) throw new UnsupportedFormatException(path, why.get());
        }
        throw new UnsupportedFormatException(path, "not a format Scrollwork reads (tried " + names() + ")");
    }

    /** The format a new file should be written in, from its name's ending (longest match wins). */
    public static Format forOutput(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Format best = null;
        int bestLen = -1;
        for (Format f : ALL) {
            for (String ext : f.extensions()) {
                if (name.endsWith(ext) && ext.length() > bestLen) {
                    best = f;
                    bestLen = ext.length();
                }
            }
        }
        if (best == null) {
            throw new UnsupportedFormatException(path, "cannot tell the output format from the name; use one of "
                    + ALL.stream().flatMap(f -> f.extensions().stream()).toList() + " or --format " + names());
        }
        return best;
    }

    /**
     * Parses headers of a path in whatever format it is. Each level's metadata is completed from
     * the registered {@link PathConventions} (Vesuvius Challenge conventions); the file's own header wins.
     */
    public static DatasetInfo info(Path path) {
        DatasetInfo raw = detect(path).createParser().parse(path);
        long[] level0 = raw.level(0).shape();
        List<LevelInfo> levels = new ArrayList<>();
        for (LevelInfo l : raw.levels()) {
            levels.add(new LevelInfo(l.shape(), l.chunkShape(), enrich(path, l.meta(), Optional.of(level0))));
        }
        return new DatasetInfo(raw.format(), raw.path(), levels);
    }

    /** Opens a level of a path in whatever format it is, its metadata completed as in {@link #info(Path)}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Volume<?> read(Path path, int level) {
        Volume<?> v = detect(path).createReader().read(path, level);
        Optional<long[]> level0 = level == 0 ? Optional.of(v.shape()) : Optional.empty();
        return new Volume(v.image(), enrich(path, v.meta(), level0));
    }

    /**
     * Parses headers of a dataset served over HTTP(S) by the first format that {@link Format#readsUrls() reads URLs}
     * (OME-Zarr): metadata documents only, no chunk. Path conventions are not applied (they read local sidecar files).
     *
     * @throws FormatException naming the URL when it is not such a dataset or cannot be fetched
     */
    public static DatasetInfo info(URI url) {
        return urlFormat(url).createParser().parse(url);
    }

    /** Opens a level of a dataset served over HTTP(S), lazily: chunks are fetched when a region needs them. */
    public static Volume<?> read(URI url, int level) {
        return urlFormat(url).createReader().read(url, level);
    }

    /** {@link #info(Path)} or {@link #info(URI)}. */
    public static DatasetInfo info(ScanSource source) {
        return source.isUrl() ? info(source.url()) : info(source.path());
    }

    /** {@link #read(Path, int)} or {@link #read(URI, int)}. */
    public static Volume<?> read(ScanSource source, int level) {
        return source.isUrl() ? read(source.url(), level) : read(source.path(), level);
    }

    private static Format urlFormat(URI url) {
        return ALL.stream().filter(Format::readsUrls).findFirst()
                .orElseThrow(() -> new UnsupportedFormatException(url, "no registered format reads URLs"));
    }

    /** The part of a path before its first {@code #}, or the path itself when it has none. */
    private static Path withoutFragment(Path path) {
        String s = path.toString();
        int hash = s.indexOf('#');
        return hash <= 0 ? path : Path.of(s.substring(0, hash));
    }

    private static List<String> names() { return ALL.stream().map(Format::name).toList(); }
}
