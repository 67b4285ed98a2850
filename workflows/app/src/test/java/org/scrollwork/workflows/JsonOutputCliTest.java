package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;

/** {@code --json}: stdout holds exactly one JSON object (parsed with Jackson), people's output goes to stderr. */
class JsonOutputCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path dir;

    /** The single JSON object on stdout; fails if stdout holds anything else. */
    static JsonNode single(CliTest.Result r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        try (JsonParser p = MAPPER.getFactory().createParser(r.out())) {
            JsonNode n = MAPPER.readTree(p);
            assertTrue(n != null && n.isObject(), "stdout is not a JSON object: " + r.out());
            assertNull(p.nextToken(), "stdout holds more than one JSON value: " + r.out());
            return n;
        }
    }

    @Test
    void everySubcommandThatDoesSomethingTakesJson() {
        java.util.List<String> missing = new java.util.ArrayList<>(), checked = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(ScrollworkCli.commandLine().getSubcommands().values());
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            boolean container = !c.getSubcommands().isEmpty(); // "lm" only prints its subcommands
            if (c.getCommandName().equals("help") || container) continue;
            checked.add(c.getCommandName());
            if (c.getCommandSpec().findOption("--json") == null) missing.add(c.getCommandSpec().qualifiedName());
        }
        assertTrue(checked.containsAll(java.util.List.of("demo", "phantom", "info", "convert", "ingest", "corpus", "verify", "mask", "train", "run",
                "eval", "render", "sample", "report", "finetune", "distill", "restore")), checked.toString());
        assertEquals(java.util.List.of(), missing, "subcommands without --json");
    }

    @Test
    void phantomConvertIngestMaskTrainVerifyAndCorpusPrintOneJsonObject() throws IOException {
        Path ph = dir.resolve("ph");
        JsonNode p = single(CliTest.run("phantom", "--out", ph.toString(), "--size", "48,48,16", "--format", "tiff", "--json"));
        assertEquals("PHANTOM-1", p.get("scrollId").asText());
        assertEquals(48, p.get("shape").get(0).asInt());
        Path scan = ph.resolve("scan-4um-54keV.tif");
        boolean listed = false;
        for (JsonNode f : p.get("files")) listed |= Path.of(f.asText()).equals(scan);
        assertTrue(listed && Files.exists(scan), p.toString());
        CliTest.Result plain = CliTest.run("phantom", "--out", dir.resolve("ph2").toString(), "--size", "48,48,16", "--format", "tiff");
        assertTrue(plain.out().startsWith("phantom PHANTOM-1:"), "without --json people's output is on stdout: " + plain.out());

        Path zarr = dir.resolve("scan.ome.zarr");
        JsonNode c = single(CliTest.run("convert", scan.toString(), zarr.toString(), "--json"));
        assertEquals("ome-zarr", c.get("format").asText());
        assertEquals(4.0, c.get("voxelSizeUm").get(0).asDouble(), 1e-12);
        assertEquals(zarr.toString(), c.get("output").asText());
        Volume<?> back = Formats.read(zarr, 0);
        assertEquals(4.0, back.meta().voxelSizeUm().orElseThrow().xUm(), 1e-12);

        Path corpus = dir.resolve("corpus");
        CliTest.Result ir = CliTest.run("ingest", "--corpus", corpus.toString(), zarr.toString(), "--json");
        JsonNode in = single(ir);
        assertTrue(ir.err().contains("record 1 (VOLUME)"), "people's lines go to stderr: " + ir.err());
        JsonNode rec = in.get("records").get(0);
        assertEquals("VOLUME", rec.get("kind").asText());
        assertEquals(48 * 48 * 16, rec.get("bytes").asLong());
        int id = rec.get("id").asInt();

        JsonNode m = single(CliTest.run("mask", corpus.toString(), "--record", Integer.toString(id), "--box", "0,0,5,48,48,6", "--heldout", "--json"));
        assertEquals(48 * 48, m.get("heldOutBytes").asLong());
        assertEquals("HELD_OUT", m.get("role").asText());

        Path run = dir.resolve("run");
        JsonNode t = single(CliTest.run("train", "--corpus", corpus.toString(), "--run", run.toString(), "--steps", "4", "--width", "16", "--depth", "1",
                "--batch", "64", "--eval-every", "2", "--json"));
        assertEquals(4, t.get("step").asLong());
        double bits = t.get("heldOutBitsPerByte").asDouble();
        assertTrue(bits > 0 && bits < 16, "held-out bits " + bits);
        assertTrue(Files.exists(Path.of(t.get("snapshot").asText())));

        JsonNode v = single(CliTest.run("verify", corpus.toString(), "--json"));
        assertTrue(v.get("ok").asBoolean());
        assertEquals(0, v.get("damaged").size());
        assertFalse(single(CliTest.run("corpus", corpus.toString(), "--json")).get("records").isEmpty());
        assertEquals(id, single(CliTest.run("corpus", corpus.toString(), "--locate", Long.toString(rec.get("offset").asLong()), "--json"))
                .get("recordId").asInt());
    }
}
