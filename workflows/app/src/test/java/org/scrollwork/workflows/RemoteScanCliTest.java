package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.io.zarr.ZarrCacheSettings;
import org.scrollwork.workflows.CliTest.Result;

/**
 * {@code info}, {@code convert}, {@code ingest} and {@code run} take the http:// URL of an OME-Zarr store, served here from
 * a folder by the JDK's server, through the on-disk Zarr cache (in a folder of each test's own).
 */
class RemoteScanCliTest {
    @TempDir Path dir;
    @TempDir Path cache;
    private String cacheSetting;

    private HttpServer server;
    /** Request paths the server saw. */
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private String base;
    private Volume<?> scan;

    @BeforeEach
    void serve() throws IOException {
        cacheSetting = System.setProperty(ZarrCacheSettings.FOLDER_PROPERTY, cache.toString());
        short[] voxels = new short[12 * 10 * 6];
        for (int i = 0; i < voxels.length; i++) voxels[i] = (short) (i * 7);
        scan = Volumes.wrap(voxels, new long[] {12, 10, 6}, ScanMetadata.builder(DataType.UINT16).build());
        Formats.byName("ome-zarr").orElseThrow().createWriter()
                .write(dir.resolve("store.zarr"), List.of(scan), WriteOptions.DEFAULTS.withChunkShape(4, 4, 4));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            try {
                Path f = dir.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
        if (cacheSetting == null) System.clearProperty(ZarrCacheSettings.FOLDER_PROPERTY);
        else System.setProperty(ZarrCacheSettings.FOLDER_PROPERTY, cacheSetting);
    }

    private List<String> chunkRequests() {
        return requests.stream().filter(p -> p.matches("/store\\.zarr/0/\\d+/\\d+/\\d+")).toList();
    }

    @Test
    void infoOfAUrlPrintsShapeAndType() throws IOException {
        Result r = CliTest.run("info", base + "store.zarr");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("ome-zarr", j.get("format").asText());
        assertEquals(base + "store.zarr/", j.get("path").asText());
        assertEquals(List.of(12, 10, 6), List.of(j.get("shape").get(0).asInt(), j.get("shape").get(1).asInt(), j.get("shape").get(2).asInt()));
        assertEquals("uint16", j.get("dtype").asText());
    }

    @Test
    void aUrlWithoutAStoreExitsWithBadInputNamingTheUrl() {
        Result r = CliTest.run("info", base + "missing.zarr");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().startsWith("scrollwork: " + base + "missing.zarr/: not an OME-Zarr store"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void convertFetchesAStoreIntoALocalOne() {
        Path out = dir.resolve("local.ome.zarr");
        Result r = CliTest.run("convert", base + "store.zarr/", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.0, Volumes.maxAbsDifference(scan.image(), Formats.read(out, 0).image()));
    }

    @Test
    void aSecondConvertTakesEveryChunkFromTheCache() throws IOException {
        Path first = dir.resolve("first.ome.zarr");
        assertEquals(0, CliTest.run("convert", base + "store.zarr/", first.toString()).exit());
        assertEquals(3 * 3 * 2, chunkRequests().size(), "every chunk once: " + chunkRequests());
        try (Stream<Path> stores = Files.list(cache)) {
            assertEquals(1, stores.count(), "the cache is on by default: one store's folder");
        }
        requests.clear();
        Path second = dir.resolve("second.ome.zarr");
        Result r = CliTest.run("convert", base + "store.zarr/", second.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(), chunkRequests(), "no chunk fetched again");
        assertEquals(0.0, Volumes.maxAbsDifference(scan.image(), Formats.read(second, 0).image()));
    }

    @Test
    void ingestRecordsTheUrlAsTheSource() throws IOException {
        Result r = CliTest.run("ingest", "--corpus", dir.resolve("corpus").toString(), base + "store.zarr", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rec = new ObjectMapper().readTree(r.out()).get("records").get(0);
        assertEquals(base + "store.zarr", rec.get("source").asText());
        assertEquals(12 * 10 * 6 * 2, rec.get("bytes").asInt());
    }

    @Test
    void runFetchesOnlyTheChunksOfItsBox() throws IOException {
        Result r = CliTest.run("run", base + "store.zarr", "--out", dir.resolve("run").toString(), "--box", "0,0,0,8,8,6", "--steps", "10", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode ingest = new ObjectMapper().readTree(r.out()).get("stages").get("ingest");
        assertEquals(8, ingest.get("regionSize").get(0).asInt(), ingest.toString());
        List<String> chunks = chunkRequests().stream().distinct().toList();
        assertFalse(chunks.isEmpty());
        assertTrue(chunks.stream().noneMatch(p -> p.endsWith("/2")), "x chunk 2 (x 8..11) lies outside the box: " + chunks);
    }

    @Test
    void helpSaysThatAUrlIsAccepted() {
        for (String command : List.of("info", "convert", "ingest", "run")) {
            Result r = CliTest.run(command, "--help");
            assertTrue(r.out().contains("http(s)://"), command + ": " + r.out());
        }
        assertFalse(CliTest.run("info", "--help").out().isEmpty());
    }
}
