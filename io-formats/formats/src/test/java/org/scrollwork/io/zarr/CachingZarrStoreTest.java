package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;

/**
 * {@link CachingZarrStore} in front of an {@link HttpZarrStore} on loopback, requests counted: a second read of a box
 * sends none, a new store over the same folder reuses it, a stopped server still serves what is cached, damaged entries
 * are fetched again, the folder stays within its bound, concurrent fillers leave whole entries, and a region's chunks
 * are fetched at most N at once.
 */
class CachingZarrStoreTest {
    @TempDir Path dir;
    @TempDir Path cache;

    /** Short timeouts and backoff: a stopped server fails fast. */
    private static final HttpZarrStore.Options FAST = new HttpZarrStore.Options(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(10));
    private static final long[] SHAPE = {11, 10, 9};
    /** A box over 8 chunks (x 0-1, y 0-1, z 0-1), the missing one (z 0, y 0, x 1) among them. */
    private static final long[] BOX_MIN = {2, 2, 2};
    private static final int[] BOX_SIZE = {6, 3, 3};
    /** A box over 4 chunks that the first does not touch (x 2). */
    private static final long[] OTHER_MIN = {8, 6, 5};
    private static final int[] OTHER_SIZE = {3, 4, 4};

    private final OmeZarrFormat.Reader reader = new OmeZarrFormat.Reader();
    private final List<LoopbackZarrServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(LoopbackZarrServer::close);
    }

    private LoopbackZarrServer serve() throws IOException {
        LoopbackZarrServer s = new LoopbackZarrServer(dir);
        servers.add(s);
        return s;
    }

    private CachingZarrStore cached(URI url, ZarrCacheSettings settings) {
        return new CachingZarrStore(HttpZarrStore.open(url, FAST), settings);
    }

    private CachingZarrStore cached(URI url) {
        return cached(url, ZarrCacheSettings.in(cache));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static short[] box(Volume<?> v, long[] min, int[] size) {
        return (short[]) ChunkedVolumes.readBlock((Volume) v, min, size);
    }

    private short[] expectedBox(long[] min, int[] size) {
        return box(ZarrPythonFixtures.expected(dir.resolve("cache.expected"), DataType.UINT16, SHAPE), min, size);
    }

    /** Chunk keys {@code 0/z/y/x} of level 0 (chunks of 4) that a box touches, as request paths. */
    private static List<String> chunkPaths(String store, long[] min, int[] size) {
        List<String> paths = new ArrayList<>();
        for (long z = min[2] / 4; z <= (min[2] + size[2] - 1) / 4; z++) {
            for (long y = min[1] / 4; y <= (min[1] + size[1] - 1) / 4; y++) {
                for (long x = min[0] / 4; x <= (min[0] + size[0] - 1) / 4; x++) paths.add("/" + store + "/0/" + z + "/" + y + "/" + x);
            }
        }
        return paths;
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    @Tag("python")
    @Test
    void aSecondReadOfABoxSendsNoRequestAndReadsTheSameVoxels() throws IOException {
        ZarrPythonFixtures.writeCacheStore(dir);
        LoopbackZarrServer server = serve();
        CachingZarrStore store = cached(server.url("cache.ome.zarr/"));
        short[] first = box(reader.read(store, 0), BOX_MIN, BOX_SIZE);
        assertArrayEquals(expectedBox(BOX_MIN, BOX_SIZE), first, "voxels as zarr-python wrote them, the missing chunk as fill value 7");
        assertEquals(sorted(chunkPaths("cache.ome.zarr", BOX_MIN, BOX_SIZE)), sorted(server.chunkRequests()), "each chunk of the box once, no other");
        assertTrue(server.chunkRequests().contains("/cache.ome.zarr/" + ZarrPythonFixtures.CACHE_MISSING_CHUNK));

        server.clear();
        short[] again = box(reader.read(store, 0), BOX_MIN, BOX_SIZE);
        assertEquals(List.of(), server.requests(), "metadata, chunks and the absent chunk all from the cache");
        assertArrayEquals(first, again);
    }

    @Tag("python")
    @Test
    void aNewStoreOverTheSameFolderFetchesMetadataOnly() throws IOException {
        ZarrPythonFixtures.writeCacheStore(dir);
        LoopbackZarrServer server = serve();
        URI url = server.url("cache.ome.zarr/");
        short[] first = box(reader.read(cached(url), 0), BOX_MIN, BOX_SIZE);
        server.clear();
        short[] again = box(reader.read(cached(url), 0), BOX_MIN, BOX_SIZE);
        assertEquals(List.of(), server.chunkRequests(), "chunks from the folder another store filled");
        assertFalse(server.requests().isEmpty(), "metadata documents are fetched again by a new store");
        assertArrayEquals(first, again);
    }

    @Tag("python")
    @Test
    void withTheServerStoppedACachedBoxReadsAndAnUncachedOneIsAOneLineErrorNamingItsUrl() throws IOException {
        ZarrPythonFixtures.writeCacheStore(dir);
        LoopbackZarrServer server = serve();
        URI url = server.url("cache.ome.zarr/");
        box(reader.read(cached(url), 0), BOX_MIN, BOX_SIZE);
        server.close();

        Volume<?> offline = reader.read(cached(url), 0);
        assertArrayEquals(expectedBox(BOX_MIN, BOX_SIZE), box(offline, BOX_MIN, BOX_SIZE));
        FormatException e = assertThrows(FormatException.class, () -> box(offline, OTHER_MIN, OTHER_SIZE));
        assertTrue(e.getMessage().startsWith(url + "0/"), e.getMessage());
        assertTrue(e.getMessage().contains("(3 tries)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void withTheServerStoppedAStoreNeverCachedIsAnErrorNamingTheUrl() throws IOException {
        LoopbackZarrServer server = serve();
        URI url = server.url("s.ome.zarr/");
        server.close();
        FormatException e = assertThrows(FormatException.class, () -> reader.read(cached(url), 0));
        assertTrue(e.getMessage().startsWith(url + ".zarray: could not fetch"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** A store written here (no Python needed): 10 x 9 x 7 uint16, chunks of 4 (3 x 3 x 2 = 18 chunks). */
    private Path localStore() {
        Path p = dir.resolve("s.ome.zarr");
        Volume<?> v = ZarrWriterPythonTest.randomVolume(DataType.UINT16, new long[] {10, 9, 7}, 5);
        new OmeZarrFormat().createWriter().write(p, List.of(v), WriteOptions.DEFAULTS.withChunkShape(4, 4, 4));
        return p;
    }

    private Volume<?> local() {
        return new OmeZarrFormat().createReader().read(dir.resolve("s.ome.zarr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flipped byte", "truncated", "empty", "another key's entry", "unknown version"})
    void aDamagedEntryIsFetchedAgainNeverDecoded(String damage) throws IOException {
        localStore();
        LoopbackZarrServer server = serve();
        CachingZarrStore store = cached(server.url("s.ome.zarr/"));
        long[] one = {0, 0, 0};
        int[] voxel = {1, 1, 1};
        box(reader.read(store, 0), one, voxel);
        box(reader.read(store, 0), new long[] {4, 0, 0}, voxel);
        StoreCacheFolder folder = new StoreCacheFolder(cache, store.base());
        Path entry = folder.file("0/0/0/0");
        byte[] b = Files.readAllBytes(entry);
        switch (damage) {
            case "flipped byte" -> b[b.length / 2] ^= 0x10;
            case "truncated" -> b = java.util.Arrays.copyOf(b, b.length - 7);
            case "empty" -> b = new byte[0];
            case "another key's entry" -> b = Files.readAllBytes(folder.file("0/0/0/1"));
            case "unknown version" -> b[4] = 9;
            default -> throw new AssertionError(damage);
        }
        Files.write(entry, b);

        server.clear();
        short[] read = box(reader.read(store, 0), one, voxel);
        assertEquals(List.of("/s.ome.zarr/0/0/0/0"), server.requests(), "the damaged entry, fetched once again");
        assertEquals(Volumes.get(local().image(), 0, 0, 0), read[0], 0.0);
        server.clear();
        box(reader.read(store, 0), one, voxel);
        assertEquals(List.of(), server.requests(), "the entry is whole again");
    }

    @Test
    void theBoundEvictsTheLeastRecentlyUsedEntries() throws Exception {
        localStore();
        LoopbackZarrServer server = serve();
        URI url = server.url("s.ome.zarr/");
        List<long[]> chunks = new ArrayList<>();
        for (long z = 0; z < 2; z++) {
            for (long y = 0; y < 3; y++) {
                for (long x = 0; x < 3; x++) chunks.add(new long[] {4 * x, 4 * y, 4 * z});
            }
        }
        int[] voxel = {1, 1, 1};
        CachingZarrStore roomy = cached(url);
        Volume<?> v = reader.read(roomy, 0);
        for (int i = 0; i < 6; i++) {
            box(v, chunks.get(i), voxel);
            Thread.sleep(15);
        }
        long six = folderBytes();
        CachingZarrStore bounded = cached(url, new ZarrCacheSettings(Optional.of(cache), six * 14 / 10, 8));
        box(reader.read(bounded, 0), chunks.get(0), voxel); // a hit: chunk 0 becomes the most recently used
        Thread.sleep(15);
        Volume<?> b = reader.read(bounded, 0);
        for (int i = 6; i < 12; i++) {
            box(b, chunks.get(i), voxel);
            Thread.sleep(15);
        }
        assertTrue(folderBytes() <= six * 14 / 10, folderBytes() + " bytes in a folder bound to " + six * 14 / 10);
        StoreCacheFolder folder = new StoreCacheFolder(cache, roomy.base());
        assertTrue(folder.holds("0/0/0/0"), "chunk 0 was used again: kept");
        assertFalse(folder.holds("0/0/0/1"), "chunk 1, the least recently used: evicted");
        assertTrue(folder.holds("0/1/0/2"), "the last chunk read (z 1, y 0, x 2): kept");

        server.clear();
        Volume<?> all = reader.read(bounded, 0);
        assertEquals(0.0, Volumes.maxAbsDifference(local().image(), all.image()), "evicted chunks are fetched again");
        assertTrue(folderBytes() <= six * 14 / 10);
    }

    private long folderBytes() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void twoStoresFillingOneFolderAtOnceReadRightAndLeaveWholeEntries() throws Exception {
        localStore();
        LoopbackZarrServer server = serve();
        server.delayChunks(5);
        URI url = server.url("s.ome.zarr/");
        long[] origin = new long[3];
        int[] whole = {10, 9, 7};
        short[] expected = box(local(), origin, whole);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<short[]>> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) reads.add(pool.submit(() -> box(reader.read(cached(url), 0), origin, whole)));
            for (Future<short[]> r : reads) assertArrayEquals(expected, r.get());
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary left");
        }
        server.close();
        Volume<?> offline = reader.read(cached(url), 0);
        assertEquals(0.0, Volumes.maxAbsDifference(local().image(), offline.image()), "every entry whole: the store reads offline");
    }

    @Test
    void aRegionsChunksAreFetchedAtMostNAtOnce() throws IOException {
        localStore();
        LoopbackZarrServer server = serve();
        server.delayChunks(40);
        CachingZarrStore store = cached(server.url("s.ome.zarr/"), new ZarrCacheSettings(Optional.of(cache), ZarrCacheSettings.DEFAULT_MAX_BYTES, 3));
        Volume<?> v = reader.read(store, 0);
        server.clear();
        short[] all = box(v, new long[3], new int[] {10, 9, 7});
        assertEquals(18, server.chunkRequests().size(), "each chunk once: " + server.chunkRequests());
        assertEquals(18, server.chunkRequests().stream().distinct().count());
        assertTrue(server.maxInFlight() <= 3, server.maxInFlight() + " requests at once");
        assertTrue(server.maxInFlight() >= 2, "fetched in parallel, not one by one");
        assertArrayEquals(box(local(), new long[3], new int[] {10, 9, 7}), all);
    }

    @Test
    void aFailedChunkIsReportedAsBeforeAndNotCached() throws IOException {
        localStore();
        LoopbackZarrServer server = serve();
        AtomicInteger failures = new AtomicInteger(3);
        server.answer(path -> path.equals("/s.ome.zarr/0/0/1/1") && failures.getAndDecrement() > 0 ? 500 : null);
        URI url = server.url("s.ome.zarr/");
        CachingZarrStore store = cached(url);
        long[] min = {2, 2, 0};
        int[] size = {4, 4, 2};
        FormatException e = assertThrows(FormatException.class, () -> box(reader.read(store, 0), min, size));
        assertEquals(url + "0/0/1/1: HTTP status 500 (3 tries)", e.getMessage());
        StoreCacheFolder folder = new StoreCacheFolder(cache, store.base());
        assertFalse(folder.holds("0/0/1/1"), "nothing cached for a key that failed");
        assertTrue(folder.holds("0/0/0/0"), "the others of the box were fetched");

        server.clear();
        assertArrayEquals(box(local(), min, size), box(reader.read(store, 0), min, size), "the server has recovered");
        assertEquals(List.of("/s.ome.zarr/0/0/1/1"), server.requests());
    }

    @Test
    void theCacheFolderNamesItsStore() throws IOException {
        localStore();
        LoopbackZarrServer server = serve();
        URI url = server.url("s.ome.zarr");
        CachingZarrStore store = cached(url);
        box(reader.read(store, 0), new long[3], new int[] {1, 1, 1});
        assertEquals(cache, store.folder().getParent());
        assertEquals(url + "/\n", Files.readString(store.folder().resolve(StoreCacheFolder.URL_FILE)));
    }
}
