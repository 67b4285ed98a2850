package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

class CorpusCliTest {
    @TempDir Path dir;

    private Path volume(String name, int seed) {
        byte[] v = new byte[5 * 3 * 2];
        for (int i = 0; i < v.length; i++) v[i] = (byte) (i * 7 + seed);
        Path p = dir.resolve(name);
        Formats.byName("tiff").orElseThrow().createWriter().write(p,
                Volumes.wrap(v, new long[] {5, 3, 2}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build()));
        return p;
    }

    @Test
    void ingestListLocateMaskAndVerify() throws IOException {
        Path corpus = dir.resolve("corpus");
        CliTest.Result r = CliTest.run("ingest", "--corpus", corpus.toString(), volume("scan.tif", 1).toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode listing = new ObjectMapper().readTree(CliTest.run("corpus", corpus.toString()).out());
        JsonNode records = listing.get("records");
        JsonNode scan = null;
        for (JsonNode rec : records) if (rec.get("kind").asText().equals("VOLUME")) scan = rec;
        assertTrue(scan != null, listing.toString());
        int scanId = scan.get("id").asInt();
        assertEquals(0, CliTest.run("ingest", "--corpus", corpus.toString(), "--align-with", Integer.toString(scanId), "--modality", "inklabels",
                volume("ink.tif", 2).toString()).exit());
        // voxel (x=3, y=2, z=1), byte 0 of the scan: index = offset + ((z*4 + y)*8 + x) with the 8x4x2 padded shape
        long offset = scan.get("offset").asLong();
        long index = offset + ((1 * 4 + 2) * 8 + 3);
        JsonNode loc = new ObjectMapper().readTree(CliTest.run("corpus", corpus.toString(), "--locate", Long.toString(index)).out());
        assertEquals(3, loc.get("x").asInt());
        assertEquals(2, loc.get("y").asInt());
        assertEquals(1, loc.get("z").asInt());
        assertEquals(scanId, loc.get("recordId").asInt());
        CliTest.Result m = CliTest.run("mask", corpus.toString(), "--record", Integer.toString(scanId), "--box", "0,0,0,2,3,1", "--heldout");
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("6 voxels marked HELD_OUT"), m.out());
        assertEquals(0, CliTest.run("verify", corpus.toString()).exit());
        // flip one byte in the last segment: verify names the damaged record
        Path seg;
        try (Stream<Path> s = Files.list(corpus)) {
            seg = s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 1] ^= 0x5A;
        Files.write(seg, bytes);
        CliTest.Result v = CliTest.run("verify", corpus.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, v.exit());
        assertTrue(v.err().contains("damaged: record"), v.err());
    }
}
