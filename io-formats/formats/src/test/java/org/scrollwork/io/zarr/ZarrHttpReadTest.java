package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.testing.PythonReference;

/**
 * OME-Zarr read over HTTP from a JDK {@link HttpServer} on localhost serving a folder: stores written by zarr-python
 * (v2) and laid out by numpy + numcodecs by the v3 spec read voxel for voxel as python wrote them, missing chunks as
 * the fill value; hostile servers end in one-line typed errors naming the URL.
 */
class ZarrHttpReadTest {
    @TempDir Path dir;
    /** The Zarr cache that URLs read through {@link Formats} use, one per test (never the user's). */
    @TempDir Path cache;
    private String cacheSetting;

    private HttpServer server;
    private ServerSocket rawServer;
    private ExecutorService handlers;
    /** Request paths the server saw, in order. */
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();

    /** Short timeouts and backoff, so that the hostile cases stay fast. */
    private static final HttpZarrStore.Options FAST = new HttpZarrStore.Options(Duration.ofSeconds(2), Duration.ofMillis(300), 2, Duration.ofMillis(10));

    private final OmeZarrFormat format = new OmeZarrFormat();

    private static final String WRITE = """
            import json, os, itertools, numpy as np, zarr
            from numcodecs import Blosc, GZip, Zstd
            rng = np.random.default_rng(15)
            # Zarr v2, written by zarr-python: two levels, chunk 0/1/1/1 of level 0 removed (reads as the fill value 7)
            data = rng.integers(0, 65535, size=(9, 10, 11), endpoint=True, dtype=np.uint16)
            g = zarr.open_group("v2.ome.zarr", mode="w")
            a = g.create_dataset("0", data=data, chunks=(4, 4, 4), dtype="<u2", fill_value=7, dimension_separator="/",
                                 compressor=Blosc(cname="zstd", clevel=3, shuffle=Blosc.SHUFFLE))
            half = np.ascontiguousarray(data[::2, ::2, ::2])
            b = g.create_dataset("1", data=half, chunks=(3, 3, 3), dtype="<u2", compressor=GZip(level=4))
            g.attrs["multiscales"] = [{"version": "0.4", "name": "v2", "axes": [{"name": n, "type": "space", "unit": "micrometer"} for n in "zyx"],
                                       "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [7.91, 7.91, 7.91]}]},
                                                    {"path": "1", "coordinateTransformations": [{"type": "scale", "scale": [15.82, 15.82, 15.82]}]}]}]
            os.remove("v2.ome.zarr/0/1/1/1")
            zarr.open_group("v2.ome.zarr", mode="r")["0"][...].astype("<u2").tofile("v2.0.expected")
            zarr.open_group("v2.ome.zarr", mode="r")["1"][...].astype("<u2").tofile("v2.1.expected")
            # Zarr v3 (OME-NGFF 0.5), laid out by the spec: numpy C-order bytes, numcodecs zstd, chunk c/1/0/1 missing (fill 3)
            u8 = rng.integers(0, 255, size=(6, 10, 8), endpoint=True, dtype=np.uint8)
            os.makedirs("v3.zarr/s0", exist_ok=True)
            chunks, expected = (4, 4, 4), u8.copy()
            for idx in itertools.product(*[range(-(-s // c)) for s, c in zip(u8.shape, chunks)]):
                sl = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, u8.shape))
                if idx == (1, 0, 1):
                    expected[sl] = 3
                    continue
                full = np.full(chunks, 3, dtype=np.uint8)
                full[tuple(slice(0, s.stop - s.start) for s in sl)] = u8[sl]
                key = "v3.zarr/s0/c/" + "/".join(map(str, idx))
                os.makedirs(os.path.dirname(key), exist_ok=True)
                with open(key, "wb") as f:
                    f.write(bytes(Zstd(level=1).encode(full.tobytes())))
            meta = {"zarr_format": 3, "node_type": "array", "shape": list(u8.shape), "data_type": "uint8",
                    "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
                    "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}}, "fill_value": 3,
                    "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 1, "checksum": False}}],
                    "attributes": {}}
            json.dump(meta, open("v3.zarr/s0/zarr.json", "w"))
            axes = [{"name": a, "type": "space", "unit": "micrometer"} for a in "zyx"]
            json.dump({"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", "multiscales": [
                {"name": "v3", "axes": axes, "datasets": [{"path": "s0", "coordinateTransformations": [{"type": "scale", "scale": [2.0, 2.0, 2.0]}]}]}]}}},
                open("v3.zarr/zarr.json", "w"))
            expected.tofile("v3.expected")
            """;

    @BeforeEach
    void cacheInTempDir() {
        cacheSetting = System.setProperty(ZarrCacheSettings.FOLDER_PROPERTY, cache.toString());
    }

    @AfterEach
    void stop() {
        if (cacheSetting == null) System.clearProperty(ZarrCacheSettings.FOLDER_PROPERTY);
        else System.setProperty(ZarrCacheSettings.FOLDER_PROPERTY, cacheSetting);
        if (server != null) server.stop(0);
        if (handlers != null) handlers.shutdownNow();
        if (rawServer != null) {
            try {
                rawServer.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Serves {@code dir} on 127.0.0.1 with {@code handler}; returns the base URL. */
    private URI serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getRawPath());
            try {
                handler.handle(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The file under {@code dir} a request names, or null (404) when there is none or it would leave {@code dir}. */
    private Path file(HttpExchange ex) {
        Path f = dir.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
        return f.startsWith(dir) && Files.isRegularFile(f) ? f : null;
    }

    /** A plain static file server: 200 with the file, or 404. */
    private HttpHandler files() {
        return ex -> {
            Path f = file(ex);
            if (f == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] b = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        };
    }

    private static boolean isChunk(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return !name.startsWith(".") && !name.equals("zarr.json");
    }

    @Tag("python")
    @Test
    void aZarrV2StoreReadsVoxelForVoxelAsZarrPythonWroteIt() throws IOException {
        PythonReference.assumeAvailable("numpy", "zarr", "numcodecs");
        PythonReference.run(dir, WRITE);
        URI base = serve(files());
        URI url = base.resolve("v2.ome.zarr");
        DatasetInfo info = Formats.info(url);
        assertEquals("ome-zarr", info.format());
        assertEquals(url.toString() + "/", info.source());
        assertEquals(2, info.levels().size());
        assertEquals(List.of(11L, 10L, 9L), List.of(info.level(0).shape()[0], info.level(0).shape()[1], info.level(0).shape()[2]));
        assertEquals(DataType.UINT16, info.level(0).meta().dataType());
        assertEquals(7.91, info.level(0).meta().voxelSizeUm().orElseThrow().xUm(), 1e-12);
        assertFalse(requests.stream().anyMatch(ZarrHttpReadTest::isChunk), "info fetches metadata only: " + requests);

        requests.clear();
        Volume<?> v = Formats.read(url, 0);
        Object one = ChunkedVolumes.readBlock(v, new long[] {5, 5, 5}, new int[] {1, 1, 1});
        assertEquals(7, ((short[]) one)[0], "voxel (5,5,5) lies in the missing chunk: the fill value");
        List<String> chunks = requests.stream().filter(ZarrHttpReadTest::isChunk).toList();
        assertEquals(List.of("/v2.ome.zarr/0/1/1/1"), chunks, "one voxel fetches only its own chunk");

        Volume<?> expected0 = ZarrPythonFixtures.expected(dir.resolve("v2.0.expected"), DataType.UINT16, new long[] {11, 10, 9});
        assertEquals(0.0, Volumes.maxAbsDifference(expected0.image(), v.image()));
        Volume<?> v1 = Formats.read(url, 1);
        Volume<?> expected1 = ZarrPythonFixtures.expected(dir.resolve("v2.1.expected"), DataType.UINT16, new long[] {6, 5, 5});
        assertEquals(0.0, Volumes.maxAbsDifference(expected1.image(), v1.image()));
    }

    @Tag("python")
    @Test
    void aZarrV3StoreReadsVoxelForVoxel() throws IOException {
        PythonReference.assumeAvailable("numpy", "numcodecs");
        PythonReference.run(dir, WRITE);
        URI url = serve(files()).resolve("v3.zarr/");
        Volume<?> v = Formats.read(url, 0);
        assertEquals(DataType.UINT8, v.dataType());
        assertEquals("3", v.meta().provenance().get("zarr.format"));
        assertEquals(url.toString(), v.meta().provenance().get("source"));
        Volume<?> expected = ZarrPythonFixtures.expected(dir.resolve("v3.expected"), DataType.UINT8, new long[] {8, 10, 6});
        assertEquals(0.0, Volumes.maxAbsDifference(expected.image(), v.image()));
    }

    /** A store written here (no Python needed) for the hostile cases: 10 x 9 x 7 uint16, chunks of 4. */
    private Path localStore() {
        Path p = dir.resolve("s.ome.zarr");
        Volume<?> v = ZarrWriterPythonTest.randomVolume(DataType.UINT16, new long[] {10, 9, 7}, 5);
        format.createWriter().write(p, List.of(v), WriteOptions.DEFAULTS.withChunkShape(4, 4, 4));
        return p;
    }

    @Test
    void concurrentReadersGetTheSameVoxelsAsTheFolder() throws Exception {
        Path p = localStore();
        URI url = serve(files()).resolve("s.ome.zarr/");
        Volume<?> local = format.createReader().read(p);
        List<Future<Double>> diffs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Volume<?> remote = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
            for (int i = 0; i < 4; i++) diffs.add(pool.submit(() -> Volumes.maxAbsDifference(local.image(), remote.image())));
            for (Future<Double> d : diffs) assertEquals(0.0, d.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServerErrorIsRetriedThenReportedInOneLineNamingTheUrl() throws IOException {
        URI url = serve(ex -> ex.sendResponseHeaders(500, -1)).resolve("s.ome.zarr");
        FormatException e = assertThrows(FormatException.class, () -> OmeZarrStore.open(HttpZarrStore.open(url, FAST)));
        assertEquals(url + "/.zarray: HTTP status 500 (3 tries)", e.getMessage());
        assertEquals(URI.create(url + "/.zarray"), e.uri().orElseThrow());
        assertEquals(3, requests.size(), "one try and two retries: " + requests);
    }

    @Test
    void aStoreWithoutMetadataIsNotAnOmeZarrStore() throws IOException {
        URI url = serve(ex -> ex.sendResponseHeaders(404, -1)).resolve("nothing.zarr/");
        FormatException e = assertThrows(FormatException.class, () -> Formats.info(url));
        assertTrue(e.getMessage().startsWith(url + ": not an OME-Zarr store"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aForbiddenKeyIsATypedErrorAtOnce() throws IOException {
        URI url = serve(ex -> ex.sendResponseHeaders(403, -1)).resolve("s.ome.zarr/");
        FormatException e = assertThrows(FormatException.class, () -> OmeZarrStore.open(HttpZarrStore.open(url, FAST)));
        assertTrue(e.getMessage().startsWith(url + ".zarray: HTTP status 403"), e.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void aTruncatedChunkBodyIsATypedError() throws IOException {
        localStore();
        URI url = serveRaw(Raw.TRUNCATE).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        TruncatedFileException e = assertThrows(TruncatedFileException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("3 tries") && !e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.actualBytes() < e.expectedBytes(), e.getMessage());
    }

    @Test
    void aDroppedConnectionThroughTheCacheIsATypedErrorAndLeavesNoEntry() throws IOException {
        localStore();
        URI url = serveRaw(Raw.TRUNCATE).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(new CachingZarrStore(HttpZarrStore.open(url, FAST), ZarrCacheSettings.in(cache)), 0);
        TruncatedFileException e = assertThrows(TruncatedFileException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/") && e.getMessage().contains("(3 tries)"), e.getMessage());
        try (var files = Files.walk(cache)) {
            List<Path> entries = files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}")).toList();
            assertEquals(4, entries.size(), "metadata documents only (.zarray absent, .zattrs, .zgroup, 0/.zarray), no chunk: " + entries);
        }
    }

    /** What the bare server does to a chunk's response. */
    private enum Raw {
        /** announces its full length, sends half and hangs up */
        TRUNCATE,
        /** announces half its length and sends it all */
        SHORT_LENGTH,
        /** announces its full length, sends half and then nothing for 5 s */
        STALL,
        /** announces 2^40 bytes, sends the chunk and then nothing for 5 s */
        TERABYTE_LENGTH
    }

    /**
     * A bare HTTP/1.1 server on a socket (the JDK's server cannot hang up mid-body or lie about lengths): serves
     * {@code dir}, one request per connection, and does {@code chunks} to the responses for chunks.
     */
    private URI serveRaw(Raw chunks) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        rawServer = socket;
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
                    String line = in.readLine();
                    for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                        // headers are ignored
                    }
                    if (line == null) continue;
                    String path = URI.create(line.split(" ")[1]).getPath();
                    requests.add(path);
                    Path f = dir.resolve(path.substring(1)).normalize();
                    OutputStream o = c.getOutputStream();
                    if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                        o.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        byte[] b = Files.readAllBytes(f);
                        boolean chunk = isChunk(path);
                        long declared = !chunk ? b.length : chunks == Raw.SHORT_LENGTH ? b.length / 2 : chunks == Raw.TERABYTE_LENGTH ? 1L << 40 : b.length;
                        o.write(("HTTP/1.1 200 OK\r\nContent-Length: " + declared + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        o.write(b, 0, chunk && (chunks == Raw.TRUNCATE || chunks == Raw.STALL) ? b.length / 2 : b.length);
                        o.flush();
                        if (chunk && (chunks == Raw.STALL || chunks == Raw.TERABYTE_LENGTH)) Thread.sleep(5_000);
                    }
                    o.flush();
                } catch (IOException closed) {
                    // the test is over, or the client hung up
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "test-raw-http");
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    @Test
    void aShortButHonestChunkBodyIsCorruptData() throws IOException {
        localStore();
        HttpHandler files = files();
        URI url = serve(ex -> {
            if (!isChunk(ex.getRequestURI().getPath()) || file(ex) == null) {
                files.handle(ex);
                return;
            }
            byte[] b = Files.readAllBytes(file(ex));
            ex.sendResponseHeaders(200, b.length / 2);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b, 0, b.length / 2);
            }
        }).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/"), e.getMessage());
    }

    @Test
    void aSlowServerTimesOutWithATypedError() throws IOException {
        URI url = serve(ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(404, -1);
        }).resolve("slow.zarr/");
        long t0 = System.nanoTime();
        FormatException e = assertThrows(FormatException.class, () -> OmeZarrStore.open(HttpZarrStore.open(url, FAST)));
        assertTrue(e.getMessage().startsWith(url + ".zarray: no response within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "three tries of 300 ms, not the server's 5 s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../other.zarr", "http://evil.example/x.zarr", "/etc", "%2e%2e/other.zarr", "0/../../x", "0?x=1", "0#x", "//evil.example/x"})
    void metadataCannotLeadOutsideTheBaseUrl(String key) throws IOException {
        Path p = localStore();
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\":[{\"version\":\"0.4\",\"datasets\":[{\"path\":\"" + key + "\"}]}]}");
        URI url = serve(files()).resolve("s.ome.zarr/");
        FormatException e = assertThrows(FormatException.class, () -> OmeZarrStore.open(HttpZarrStore.open(url, FAST)));
        assertTrue(e.getMessage().startsWith(url.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(requests.stream().allMatch(r -> r.startsWith("/s.ome.zarr/") && !r.contains("..")), "fetched only inside the store: " + requests);
    }

    @Test
    void onlyHttpUrlsMakeStores() {
        assertThrows(IllegalArgumentException.class, () -> HttpZarrStore.open(URI.create("ftp://example.org/x.zarr")));
        assertThrows(IllegalArgumentException.class, () -> HttpZarrStore.open(URI.create("https://example.org/x.zarr?sig=1")));
        assertEquals(URI.create("https://example.org/a/x.zarr/"), HttpZarrStore.open(URI.create("https://example.org/a/x.zarr")).base());
        assertEquals(URI.create("https://example.org/a/x.zarr/0/1/2"), HttpZarrStore.open(URI.create("https://example.org/a/x.zarr/")).url("0/1/2"));
    }

    // ---- hostile servers on loopback (issue 18): what the ones above do not cover ----

    /** The chunk files of level 0 of {@code store}, as keys relative to it. */
    private static List<String> chunkKeys(Path store) throws IOException {
        try (var files = Files.walk(store.resolve("0"))) {
            return files.filter(Files::isRegularFile).map(f -> store.relativize(f).toString().replace('\\', '/'))
                    .filter(ZarrHttpReadTest::isChunk).sorted().toList();
        }
    }

    @Test
    void aContentLengthShorterThanTheBodyIsCorruptDataNamingTheChunk() throws IOException {
        localStore();
        URI url = serveRaw(Raw.SHORT_LENGTH).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMissingChunkReadsAsTheFillValueAndAMissingArrayIsAClearError() throws IOException {
        Path p = localStore();
        Path zarray = p.resolve("0/.zarray");
        String meta = Files.readString(zarray);
        assertTrue(meta.matches("(?s).*\"fill_value\"\\s*:\\s*0[,}\\s].*"), meta);
        Files.writeString(zarray, meta.replaceFirst("\"fill_value\"\\s*:\\s*0", "\"fill_value\": 7"));
        String removed = chunkKeys(p).get(0);
        double sumBefore = Volumes.sum(format.createReader().read(p).image());
        Files.delete(p.resolve(removed));
        URI url = serve(files()).resolve("s.ome.zarr/");
        Volume<?> remote = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        Volume<?> local = format.createReader().read(p);
        assertEquals(0.0, Volumes.maxAbsDifference(local.image(), remote.image()), "remote reads as the folder does");
        assertEquals(7.0, Volumes.get(remote.image(), 0, 0, 0), "chunk " + removed + " (404) reads as fill_value");
        assertTrue(Volumes.sum(remote.image()) != sumBefore, "the removed chunk held other values");
        assertTrue(requests.contains("/s.ome.zarr/" + removed), requests.toString());

        Files.delete(zarray);
        FormatException e = assertThrows(FormatException.class, () -> format.createReader().read(HttpZarrStore.open(url, FAST), 0));
        assertTrue(e.getMessage().startsWith(url.toString()) && e.getMessage().contains("0/.zarray"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aServerErrorOnAChunkIsRetriedWithBackoffThenNamesTheChunkUrl() throws IOException {
        localStore();
        HttpHandler files = files();
        List<Long> chunkTries = java.util.Collections.synchronizedList(new ArrayList<>());
        URI url = serve(ex -> {
            if (isChunk(ex.getRequestURI().getPath())) {
                chunkTries.add(System.nanoTime());
                ex.sendResponseHeaders(500, -1);
            } else {
                files.handle(ex);
            }
        }).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        FormatException e = assertThrows(FormatException.class, () -> ChunkedVolumes.readBlock((Volume) v, new long[] {0, 0, 0}, new int[] {1, 1, 1}));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(url + "0/") + "\\S+: HTTP status 500 \\(3 tries\\)"), e.getMessage());
        assertEquals(3, chunkTries.size(), "one try and two retries");
        assertTrue(chunkTries.get(1) - chunkTries.get(0) >= 10_000_000L, "first backoff 10 ms");
        assertTrue(chunkTries.get(2) - chunkTries.get(1) >= 20_000_000L, "then doubled");
    }

    @Test
    void aBodyThatStallsTimesOutWithATypedErrorNamingTheChunk() throws IOException {
        localStore();
        URI url = serveRaw(Raw.STALL).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        long t0 = System.nanoTime();
        FormatException e = assertThrows(FormatException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/") && e.getMessage().contains("no response within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "three tries of 300 ms, not the server's 5 s stall");
    }

    @Test
    void aChunkThatDecodesToMoreBytesThanItsShapeIsCorruptDataNamingTheChunk() throws IOException {
        Path p = localStore();
        Path big = dir.resolve("big.ome.zarr");
        format.createWriter().write(big, List.of(ZarrWriterPythonTest.randomVolume(DataType.UINT16, new long[] {10, 9, 7}, 6)),
                WriteOptions.DEFAULTS.withChunkShape(8, 8, 8));
        String key = chunkKeys(p).get(0);
        byte[] larger = Files.readAllBytes(big.resolve(chunkKeys(big).get(0)));
        HttpHandler files = files();
        URI url = serve(ex -> {
            if (ex.getRequestURI().getPath().equals("/s.ome.zarr/" + key)) {
                ex.sendResponseHeaders(200, larger.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(larger);
                }
            } else {
                files.handle(ex);
            }
        }).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + key + ":"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void redirectsToAnotherOriginAreRefusedByDefault() throws IOException {
        Path p = localStore();
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Queue<String> otherRequests = new ConcurrentLinkedQueue<>();
        HttpHandler files = files();
        other.createContext("/", ex -> {
            otherRequests.add(ex.getRequestURI().getRawPath());
            try {
                files.handle(ex);
            } finally {
                ex.close();
            }
        });
        other.start();
        try {
            String elsewhere = "http://127.0.0.1:" + other.getAddress().getPort();
            URI url = serve(ex -> {
                String path = ex.getRequestURI().getRawPath();
                if (path.startsWith("/moved/")) {
                    ex.getResponseHeaders().set("Location", "/s.ome.zarr/" + path.substring("/moved/".length()));
                    ex.sendResponseHeaders(301, -1);
                } else if (path.startsWith("/away/")) {
                    ex.getResponseHeaders().set("Location", elsewhere + "/s.ome.zarr/" + path.substring("/away/".length()));
                    ex.sendResponseHeaders(302, -1);
                } else {
                    files.handle(ex);
                }
            });
            Volume<?> local = format.createReader().read(p);
            Volume<?> same = format.createReader().read(HttpZarrStore.open(url.resolve("moved/"), FAST), 0);
            assertEquals(0.0, Volumes.maxAbsDifference(local.image(), same.image()), "a redirect within the origin is followed");

            URI away = url.resolve("away/");
            FormatException e = assertThrows(FormatException.class, () -> OmeZarrStore.open(HttpZarrStore.open(away, FAST)));
            assertTrue(e.getMessage().startsWith(away + ".zarray: ") && e.getMessage().contains(elsewhere + "/s.ome.zarr/.zarray")
                    && e.getMessage().contains("another origin"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(otherRequests.isEmpty(), "nothing fetched from the other origin: " + otherRequests);

            Volume<?> allowed = format.createReader().read(HttpZarrStore.open(away, FAST.withOtherOrigins(true)), 0);
            assertEquals(0.0, Volumes.maxAbsDifference(local.image(), allowed.image()), "followed when allowed");
            assertFalse(otherRequests.isEmpty());
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aContentLengthOfATerabyteIsRefusedAtOnceNamingTheChunk() throws IOException {
        localStore();
        URI url = serveRaw(Raw.TERABYTE_LENGTH).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        // refused from the header, not waited for: a wait would end in a timeout (FormatException) after 3 tries
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().startsWith(url + "0/") && e.getMessage().contains("response of " + (1L << 40) + " bytes is larger than"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, requests.stream().filter(ZarrHttpReadTest::isChunk).count(), "refused at once, not retried: " + requests);
    }

    @Test
    void aChunkStreamedWithoutEndIsCutWhereNoChunkCanBeThatLarge() throws IOException {
        localStore();
        HttpHandler files = files();
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        URI url = serve(ex -> {
            if (!isChunk(ex.getRequestURI().getPath())) {
                files.handle(ex);
                return;
            }
            ex.sendResponseHeaders(200, 0); // no Content-Length: chunked transfer, without end
            byte[] block = new byte[8192];
            try (OutputStream o = ex.getResponseBody()) {
                while (sent.get() < (256L << 20)) { // the client should hang up long before
                    o.write(block);
                    sent.addAndGet(block.length);
                }
            } catch (IOException hungUp) {
                // what the client should do
            }
        }).resolve("s.ome.zarr/");
        Volume<?> v = format.createReader().read(HttpZarrStore.open(url, FAST), 0);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> ChunkedVolumes.readBlock(cast(v), new long[] {0, 0, 0}, new int[] {1, 1, 1}));
        assertTrue(e.getMessage().startsWith(url + "0/") && e.getMessage().contains("response of more than"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(sent.get() < (64L << 20), "the client hung up after " + sent.get() + " bytes");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Volume cast(Volume<?> v) { return v; }
}
