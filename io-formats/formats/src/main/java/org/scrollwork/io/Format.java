package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One on-disk format, shaped like SCIFIO's: a {@link Checker} that recognises it by content, a
 * {@link Parser} that reads headers into metadata, a {@link Reader} that opens voxels lazily and a
 * {@link Writer}. Implementations are registered in {@code META-INF/services/org.scrollwork.io.Format}
 * and found by {@link Formats}; each lives in one file with a nested class per concern.
 */
public interface Format {

    /** Short name used on the command line and in {@code info} output, e.g. {@code "tiff"}. */
    String name();

    /** File name endings this format writes and prefers, lower case with the dot, e.g. {@code ".ome.zarr"}. */
    List<String> extensions();

    /** Whether a file of this format holds one 2-D image (a volume of one slice: PNG, JPEG) rather than a volume. */
    default boolean singleImage() { return false; }

    /** Whether {@link Parser#parse(URI)} and {@link Reader#read(URI, int)} read this format over HTTP(S) (OME-Zarr does). */
    default boolean readsUrls() { return false; }

    Checker createChecker();

    Parser createParser();

    Reader createReader();

    Writer createWriter();

    /** Recognises the format by magic bytes or store layout, not by name alone. Never throws for a readable path. */
    interface Checker {
        boolean isFormat(Path path);
    }

    /** Headers → metadata, without reading voxel data. */
    interface Parser {
        /** @throws FormatException naming the file when the header is bad */
        DatasetInfo parse(Path path);

        /**
         * Headers → metadata for a dataset served over HTTP(S), for formats that {@link Format#readsUrls() read URLs}.
         *
         * @throws FormatException naming the URL when it is absent, bad or cannot be fetched
         */
        default DatasetInfo parse(URI url) { throw new UnsupportedFormatException(url, "this format is not read over HTTP"); }
    }

    /** Opens one resolution level as a {@link Volume} whose image reads its chunks on demand. */
    interface Reader {
        /**
         * @param level 0 for full resolution
         * @throws FormatException naming the file on bad headers; bad chunk data throws when the chunk is read
         */
        Volume<?> read(Path path, int level);

        default Volume<?> read(Path path) { return read(path, 0); }

        /**
         * Opens one level of a dataset served over HTTP(S), for formats that {@link Format#readsUrls() read URLs}; chunks
         * are fetched on demand.
         *
         * @throws FormatException naming the URL on bad headers; bad or unreachable chunks throw when the chunk is read
         */
        default Volume<?> read(URI url, int level) { throw new UnsupportedFormatException(url, "this format is not read over HTTP"); }
    }

    /** Writes one or more resolution levels (finest first) atomically: the target appears complete or not at all. */
    interface Writer {
        /**
         * @param levels finest first; single-resolution formats write only the first
         * @throws UnsupportedFormatException when asked for a codec or type the format cannot store
         */
        void write(Path path, List<? extends Volume<?>> levels, WriteOptions options);

        default void write(Path path, Volume<?> volume) { write(path, List.of(volume), WriteOptions.DEFAULTS); }
    }
}
