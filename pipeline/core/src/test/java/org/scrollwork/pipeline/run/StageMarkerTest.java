package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Formats;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomWriter;

/**
 * Stage markers ({@code stages/NAME.json}) read back into the stages' result records: what a real stage writes, markers
 * written by earlier versions (kept under {@code markers/} in the test resources, copied from real run directories), and
 * every record with its optional fields and non-finite numbers.
 */
class StageMarkerTest {
    @TempDir Path dir;

    @Test
    void theIngestStagesMarkerReadsBackIntoItsRecordWithTheKeysRunsHaveAlwaysWritten() throws IOException {
        Path ph = dir.resolve("phantom");
        PhantomWriter.write(PhantomGenerator.generate(PhantomConfig.forSize(64, 64, 32).toBuilder().letterHeightUm(24).build()), ph,
                Formats.byName("tiff").orElseThrow());
        Path text = Files.writeString(dir.resolve("text.txt"), "ΕΝ ΑΡΧΗ ΗΝ Ο ΛΟΓΟΣ ΚΑΙ Ο ΛΟΓΟΣ ΗΝ ΠΡΟΣ ΤΟΝ ΘΕΟΝ ΚΑΙ ΘΕΟΣ ΗΝ Ο ΛΟΓΟΣ\n", StandardCharsets.UTF_8);
        RunConfig c = RunConfig.of(ph.resolve("scan-4um-54keV.tif"), 0, 32, 10, 1).withText(text, null, null);
        RunDirectory d = new RunDirectory(dir.resolve("run"));
        d.bindConfig(c);
        IngestResult ran = new IngestStage().run(new StageContext(d, c, line -> {}));
        d.finish(IngestStage.NAME, ran, 0.25);

        StageMarker back = d.finished(IngestStage.NAME).orElseThrow();
        assertEquals(ran, back.result());
        assertEquals(IngestStage.NAME, back.stage());
        assertEquals(0.25, back.seconds());
        assertEquals("PHANTOM-1", ran.scrollId());
        assertEquals(List.of(16L, 16L, 8L), ran.regionOrigin());
        assertEquals(List.of(32L, 32L, 16L), ran.regionSize());
        assertTrue(ran.textRecordOrNone() > ran.volumeRecord(), "a text record after the volume");
        assertTrue(ran.hiddenLetters() > 0 && ran.hiddenLetters() < ran.textLetters());
        assertEquals(List.of("stage", "finished", "volumeRecord", "regionOrigin", "regionSize", "holdOutAxis", "recordAxes", "heldOutSlices", "validationSlices",
                "scrollId", "voxelSizeUm", "textRecord", "textLetters", "hiddenLetters", "trainBytes", "heldOutBytes", "fingerprint", "seconds"),
                names(RunDirectory.JSON.readTree(d.marker(IngestStage.NAME).toFile())));
        assertEquals(RunDirectory.JSON.readTree(Files.readAllLines(d.resolve(RunDirectory.METRICS)).get(0)), back.toJson(), "metrics line and marker");
    }

    @Test
    void markersOfEarlierRunsReadBackIntoTheRecordsAndWriteAsTheyWere() throws IOException {
        for (String run : List.of("text-overlay", "oldest", "no-text")) {
            RunDirectory d = legacy(run);
            for (String stage : PipelineRun.STAGES) {
                StageMarker m = d.finished(stage).orElseThrow();
                assertEquals(stage, m.stage());
                assertEquals(RunDirectory.JSON.readTree(d.marker(stage).toFile()), m.toJson(), run + "/" + stage);
            }
        }

        RunDirectory full = legacy("text-overlay");
        StageContext ctx = new StageContext(full, null, line -> {});
        assertEquals(3, ctx.textRecord());
        assertEquals("z", ctx.ingest().holdOutAxis());
        assertEquals(List.of(7, 15, 23), ctx.ingest().validationSlices());
        assertEquals(List.of(4.0, 4.0, 4.0), ctx.ingest().voxelSizeUm());
        assertEquals(400, ctx.train().step());
        assertEquals(300, ctx.distill().orElseThrow().steps());
        assertTrue(ctx.render().hasText() && ctx.render().hasOverlay());
        assertEquals(6182L, ctx.render().overlayLetterVoxels());
        assertEquals(32L, ctx.render().decidedByPrior());
        assertEquals(3, ctx.evaluate().scoresNoiseFree().size());
        assertEquals(36, ctx.evaluate().text().hiddenLetters());

        StageContext oldest = new StageContext(legacy("oldest"), null, line -> {});
        assertNull(oldest.ingest().holdOutAxis());
        assertNull(oldest.ingest().validationSlices());
        assertNull(oldest.evaluate().psnrPeak());
        assertNull(oldest.evaluate().scores().get(0).psnrRegionRangeDb());
        assertNull(oldest.evaluate().scoresNoiseFree());

        StageContext noText = new StageContext(legacy("no-text"), null, line -> {});
        assertEquals(-1, noText.textRecord());
        assertTrue(noText.marker(PriorStage.NAME).skipped());
        assertTrue(noText.distill().isEmpty());
        assertNull(noText.marker(PriorStage.NAME).seconds());
        assertFalse(noText.render().hasText() || noText.render().hasOverlay());
        assertTrue(Double.isNaN(noText.evaluate().scores().get(0).ssim()), "\"NaN\" reads back");
        assertEquals("y", noText.ingest().holdOutAxis());
    }

    @Test
    void everyRecordRoundTripsWithNullsAndNonFiniteNumbers() {
        RunDirectory d = new RunDirectory(dir);
        List<StageResult> results = List.of(
                new IngestResult(1, List.of(0L, 0L, 0L), List.of(8L, 8L, 4L), "x", "z,y,x", List.of(1, 3), List.of(), null, null, null, null, null, 10, 5, "crc32c:0"),
                new TrainResult("train/model.aunn", "train/metrics.jsonl", 3, 7.5, null, 1.5),
                new DistillResult("the transcription's visible letters", "train/prior.swng", "3-gram", "train/distilled.aunn", "train/p.jsonl", "train/m.jsonl", 2,
                        Double.NaN, 0, 0, 0),
                RenderResult.volumes(List.of("renders/aunn-render.tif")).withText("renders/text/text-2.html", 4, null),
                new EvaluateResult("report/evaluation.json", 64, 255, 10.0, 4.0, 7L,
                        List.of(new EvaluateResult.Score("AUNN", Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY, 1.0)),
                        List.of(new EvaluateResult.Score("AUNN", 30, 0.9, null, null)), 25.0, "report/report.html",
                        new EvaluateResult.TextScore(0, 0, null, null, null, null, null),
                        new EvaluateResult.Nlm(14.5, 0.8, "validation slices", List.of(0.4, 0.8), List.of(22.5, Double.POSITIVE_INFINITY))),
                new ReportResult("report/report.html"));
        for (int i = 0; i < results.size(); i++) {
            String stage = PipelineRun.STAGES.get(i);
            d.finish(stage, results.get(i), 2.0);
            assertEquals(results.get(i), d.finished(stage).orElseThrow().result(), stage);
        }
        JsonNode train = d.finished(TrainStage.NAME).orElseThrow().toJson();
        assertTrue(train.has("heldOutBitsPerByte") && train.get("heldOutBitsPerByte").isNull(), "written as null, as before");
        JsonNode text = d.finished(EvaluateStage.NAME).orElseThrow().toJson().get("text");
        assertEquals(List.of("hiddenLetters", "correctAunnAlone", "accuracyAunnAlone"), names(text));
        assertFalse(d.finished(RenderStage.NAME).orElseThrow().toJson().has("overlay"));
        RunDirectory skipped = new RunDirectory(dir.resolve("skipped"));
        skipped.finish(PriorStage.NAME, new StageResult.Skipped("no text"), null);
        StageMarker m = skipped.finished(PriorStage.NAME).orElseThrow();
        assertInstanceOf(StageResult.Skipped.class, m.result());
        assertEquals(List.of("stage", "finished", "skipped"), names(m.toJson()));
    }

    @Test
    void aMarkerThisVersionCannotReadSaysWhichFileAndWhatToDo() throws IOException {
        RunDirectory d = new RunDirectory(dir);
        Files.createDirectories(d.marker(TrainStage.NAME).getParent());
        Files.writeString(d.marker(TrainStage.NAME), "{\"stage\":\"train\",\"finished\":\"x\",\"step\":3,\"bitsPerByte\":7.5,\"seconds\":1}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.finished(TrainStage.NAME));
        assertTrue(e.getMessage().contains(d.marker(TrainStage.NAME).toString()) && e.getMessage().contains("bitsPerByte")
                && e.getMessage().contains("new run directory"), e.getMessage());
    }

    /** A run directory holding the markers of an earlier run (and nothing else). */
    private RunDirectory legacy(String run) throws IOException {
        RunDirectory d = new RunDirectory(dir.resolve(run));
        for (String stage : PipelineRun.STAGES) {
            try (InputStream in = getClass().getResourceAsStream("markers/" + run + "/" + stage + ".json")) {
                Files.createDirectories(d.marker(stage).getParent());
                Files.write(d.marker(stage), in.readAllBytes());
            }
        }
        return d;
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
