package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.InsideRoot;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/**
 * OME-Zarr: Zarr v2 arrays in an OME-NGFF 0.4 multiscale group (or a bare Zarr v2 array), one
 * array per resolution level with axes {@code (z, y, x)} in C order, so x is fastest as in Scrollwork's
 * {@code [x, y, z]} volumes. Reading is lazy, one Zarr chunk per cell; writing streams chunk by chunk.
 * Zarr v3 stores (OME-NGFF 0.5, unsharded) are read but not written. Stores are read from a folder or, through
 * {@link HttpZarrStore} (behind the on-disk {@link CachingZarrStore} by default), from an {@code http(s)://} URL
 * ({@link ZarrStore} is the seam).
 *
 * <p>Writer defaults follow the Vesuvius Challenge's published scrolls and zarr-python: chunks of
 * 128³ (clipped to the shape), {@code blosc} with {@code lz4} and byte shuffle, little-endian,
 * {@code dimension_separator "/"}.
 */
public final class OmeZarrFormat implements Format {
    /** Default chunk edge, per axis. */
    public static final int DEFAULT_CHUNK = 128;
    /** Key of the object in {@code .zattrs} holding {@link org.scrollwork.io.ScanAttributes} (scroll, scan, beam energy). */
    public static final String SCAN_ATTRIBUTES = "scrollwork";
    /** Default compression: zarr-python's (blosc lz4, byte shuffle). */
    public static final Compression DEFAULT_COMPRESSION = Compression.BLOSC_LZ4;
    /** Decoded chunks a reader keeps per level. */
    static final long CACHE_BYTES = ChunkedVolumes.DEFAULT_CACHE_BYTES;

    @Override public String name() { return "ome-zarr"; }

    @Override public List<String> extensions() { return List.of(".ome.zarr", ".zarr"); }

    /** Stores served over HTTP(S) are read through {@link HttpZarrStore}: metadata first, then only the chunks a region needs. */
    @Override public boolean readsUrls() { return true; }

    @Override public Checker createChecker() { return new Checker(); }

    @Override public Parser createParser() { return new Parser(); }

    @Override public Reader createReader() { return new Reader(); }

    @Override public Writer createWriter() { return new Writer(); }

    /**
     * A directory with a {@code .zarray}, or with a {@code .zattrs} that mentions {@code multiscales}, or (Zarr v3)
     * with a {@code zarr.json} of an array or mentioning {@code multiscales}.
     */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) {
            try {
                if (!Files.isDirectory(path)) return false;
                if (Files.isRegularFile(path.resolve(".zarray"))) return true;
                Path attrs = path.resolve(".zattrs");
                // a header leading outside the store is not read here; the parser refuses it by name
                if (Files.isRegularFile(attrs)) return !InsideRoot.isInside(path, attrs) || head(attrs).contains("\"multiscales\"");
                Path v3 = path.resolve("zarr.json");
                if (!Files.isRegularFile(v3)) return false;
                if (!InsideRoot.isInside(path, v3)) return true;
                String h = head(v3);
                return h.contains("\"multiscales\"") || h.matches("(?s).*\"node_type\"\\s*:\\s*\"array\".*");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
        }
    }

    /** Lists every level: shape, chunk shape, data type, voxel size, from the JSON headers only. */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            OmeZarrStore store = OmeZarrStore.open(path);
            List<LevelInfo> levels = new ArrayList<>();
            for (int i = 0; i < store.levelCount(); i++) levels.add(store.levelInfo(i));
            return new DatasetInfo("ome-zarr", path, levels);
        }

        /** Through {@link RemoteZarrStores#open(URI)}: cached on disk unless the cache is turned off. */
        @Override public DatasetInfo parse(URI url) { return parse(RemoteZarrStores.open(url)); }

        /** Lists every level of a store served over HTTP(S), fetching its metadata documents only. */
        public DatasetInfo parse(RemoteZarrStore remote) {
            OmeZarrStore store = OmeZarrStore.open(remote);
            List<LevelInfo> levels = new ArrayList<>();
            for (int i = 0; i < store.levelCount(); i++) levels.add(store.levelInfo(i));
            return new DatasetInfo("ome-zarr", remote.base(), levels);
        }
    }

    /** Opens one level as a lazy volume; chunks are decoded on first access and kept in a bounded cache. */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            OmeZarrStore store = OmeZarrStore.open(path);
            return store.array(level).volume(store.meta(level), CACHE_BYTES);
        }

        /** Through {@link RemoteZarrStores#open(URI)}: cached on disk unless the cache is turned off. */
        @Override public Volume<?> read(URI url, int level) { return read(RemoteZarrStores.open(url), level); }

        /**
         * Opens one level of a store read through {@code zarr} (a URL, cached or not, or a folder): its metadata now, each
         * chunk when first needed (then cached).
         */
        public Volume<?> read(ZarrStore zarr, int level) {
            OmeZarrStore store = OmeZarrStore.open(zarr);
            return store.array(level).volume(store.meta(level), CACHE_BYTES);
        }
    }

    /**
     * Writes all given levels (finest first) as datasets {@code "0"}, {@code "1"}, ... of an OME-NGFF 0.4
     * group, atomically. Scales come from each level's voxel size in micrometres; when any level lacks one,
     * no unit is written and scales are the shape ratios to level 0.
     */
    public static final class Writer implements Format.Writer {
        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            if (levels.isEmpty()) throw new IllegalArgumentException("nothing to write to " + path);
            Compression c = options.compression().orElse(DEFAULT_COMPRESSION);
            ByteOrder order = options.byteOrder().orElse(ByteOrder.LITTLE_ENDIAN);
            int[] chunkOpt = options.chunkShape().orElse(new int[] {DEFAULT_CHUNK, DEFAULT_CHUNK, DEFAULT_CHUNK});
            if (chunkOpt.length != 3 || chunkOpt[0] < 1 || chunkOpt[1] < 1 || chunkOpt[2] < 1) {
                throw new IllegalArgumentException("chunk shape must be three positive sizes [x, y, z]");
            }
            List<ZarrArrayMetadata> metas = new ArrayList<>();
            for (Volume<?> v : levels) {
                long[] s = v.shape();
                int[] chunk = new int[3];
                for (int d = 0; d < 3; d++) chunk[d] = (int) Math.min(chunkOpt[d], s[d]);
                long chunkBytes = (long) chunk[0] * chunk[1] * chunk[2] * v.dataType().bytesPerVoxel();
                if (chunkBytes > ZarrArrayMetadata.MAX_CHUNK_BYTES) {
                    throw new UnsupportedFormatException(path, "chunks of " + chunkBytes + " bytes are larger than " + ZarrArrayMetadata.MAX_CHUNK_BYTES);
                }
                ZarrCodec codec = ZarrCodec.forCompression(c, v.dataType().bytesPerVoxel(), path);
                metas.add(ZarrArrayMetadata.forWriting(s, chunk, v.dataType(), order, codec));
            }
            boolean allSized = levels.stream().allMatch(v -> v.meta().voxelSizeUm().isPresent());
            List<double[]> scales = new ArrayList<>();
            long[] s0 = levels.get(0).shape();
            for (Volume<?> v : levels) {
                ScanMetadata m = v.meta();
                long[] s = v.shape();
                scales.add(allSized
                        ? new double[] {m.voxelSizeUm().get().zUm(), m.voxelSizeUm().get().yUm(), m.voxelSizeUm().get().xUm()}
                        : new double[] {(double) s0[2] / s[2], (double) s0[1] / s[1], (double) s0[0] / s[0]});
            }
            String name = path.getFileName().toString();
            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            AtomicFiles.write(path, tmp -> {
                ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "ome-zarr-writer");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    Files.createDirectories(tmp);
                    ZarrJson.write(tmp.resolve(".zgroup"), ZarrJson.MAPPER.createObjectNode().put("zarr_format", 2));
                    com.fasterxml.jackson.databind.node.ObjectNode zattrs = Multiscales.toZattrs(name, scales, allSized);
                    java.util.Map<String, String> scan = org.scrollwork.io.ScanAttributes.of(levels.get(0).meta());
                    if (!scan.isEmpty()) scan.forEach(zattrs.putObject(SCAN_ATTRIBUTES)::put);
                    ZarrJson.write(tmp.resolve(".zattrs"), zattrs);
                    for (int i = 0; i < levels.size(); i++) {
                        ZarrArrayWriter.write(tmp.resolve(Integer.toString(i)), levels.get(i), metas.get(i), pool, 2 * threads);
                    }
                } finally {
                    pool.shutdownNow();
                }
            });
        }
    }
}
