package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.run.PipelineRun;
import org.scrollwork.testing.PythonReference;

/**
 * Every stage through the command line on a tiny phantom: {@code run} (ingest, train, distill, render, evaluate, report),
 * a rerun that resumes, then {@code eval}, {@code render}, {@code distill} and a {@code finetune} job on its outputs. Outputs
 * are opened with the io-formats readers and with tifffile (Debian's python3-tifffile), metadata and numbers checked.
 */
@Tag("slow")
class PipelineEndToEndTest {
    @TempDir Path dir;

    @Tag("python")
    @Test
    void everyStageRunsThroughTheCliAndWritesReadableCalibratedOutputs() throws Exception {
        PythonReference.assumeAvailable("numpy", "tifffile");
        Path ph = dir.resolve("phantom");
        JsonNode phantom = JsonOutputCliTest.single(CliTest.run("phantom", "--out", ph.toString(), "--size", "64,64,64", "--format", "tiff", "--json"));
        assertTrue(phantom.get("letters").asInt() > 16, phantom.toString());
        Path run = dir.resolve("run");
        String[] runArgs = {"run", ph.resolve("scan-4um-54keV.tif").toString(), "--out", run.toString(), "--crop", "48", "--steps", "30",
            "--width", "64", "--depth", "2", "--batch", "256", "--patience", "0", "--distill-steps", "8", "--no-fetch", "--text", ph.resolve("text.txt").toString(),
            "--letters", ph.resolve("letters-4um.tif").toString(), "--truth", ph.resolve("groundtruth.json").toString()};
        String[] withJson = Stream.concat(Stream.of(runArgs), Stream.of("--json")).toArray(String[]::new);
        CliTest.Result first = CliTest.run(withJson);
        JsonNode o = JsonOutputCliTest.single(first);
        JsonNode stages = o.get("stages");
        assertEquals(PipelineRun.STAGES, iterable(stages.fieldNames()));
        for (JsonNode s : stages) assertFalse(s.has("skipped"), "every stage runs on a phantom with text: " + s);

        // numbers: finite and in range
        JsonNode ingest = stages.get("ingest"), train = stages.get("train"), distill = stages.get("distill");
        JsonNode render = stages.get("render"), eval = stages.get("evaluate");
        assertEquals("PHANTOM-1", ingest.get("scrollId").asText());
        assertEquals(List.of(48L, 48L, 24L), longs(ingest.get("regionSize")));
        assertEquals(30, train.get("step").asInt());
        for (String k : List.of("trainBitsPerByte", "heldOutBitsPerByte")) inRange(train.get(k), 0, 9, k);
        inRange(distill.get("lastTargetBitsPerByte"), 0, 16, "distill target bits");
        inRange(distill.get("meanKlBits"), 0, 10, "distill KL");
        assertTrue(distill.get("hiddenLetters").asInt() > 0 && distill.get("changedTopLetters").asInt() <= distill.get("hiddenLetters").asInt());
        List<String> methods = new java.util.ArrayList<>();
        for (JsonNode s : eval.get("scores")) methods.add(s.get("method").asText());
        assertEquals(List.of("AUNN", "trilinear", "tricubic", "NLM + trilinear"), methods);
        for (JsonNode s : eval.get("scores")) {
            inRange(s.get("psnrDb"), 1, 100, s.get("method") + " PSNR");
            inRange(s.get("ssim"), -1, 1, s.get("method") + " SSIM");
        }
        JsonNode text = eval.get("text");
        assertEquals(ingest.get("hiddenLetters").asInt(), text.get("hiddenLetters").asInt());
        inRange(text.get("accuracyAunnAlone"), 0, 1, "accuracy alone");
        inRange(text.get("accuracyWithPrior"), 0, 1, "accuracy with prior");
        assertEquals(0, render.get("overlayUnassignedVoxels").asLong());
        assertTrue(render.get("overlayCorrectVoxels").asLong() <= render.get("overlayLetterVoxels").asLong());

        // files: run directory, report, renders readable with their metadata
        for (String f : List.of("run-config.json", "run.log", "metrics.jsonl", "train/model.aunn", "train/distilled.aunn", "train/prior.swng",
                "train/distill-provenance.jsonl", "report/report.html", "report/plots/loss.png", "report/plots/distill.png", "report/evaluation.json",
                "renders/text/text-" + ingest.get("textRecord").asInt() + ".html")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(6, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        String page = Files.readString(run.resolve("report/report.html"), StandardCharsets.UTF_8);
        for (String part : List.of("Held-out slices", "plots/loss.png", "Pipeline stages", "plots/distill.png", "readings with and without the language prior",
                "Predicted text over the scan", "predicted-letters.tif")) {
            assertTrue(page.contains(part), "report.html shows " + part);
        }
        for (String f : List.of("renders/aunn-render.tif", "renders/aunn-render.ome.zarr", "renders/predicted-letters.tif", "renders/predicted-letters.ome.zarr")) {
            Volume<?> v = Formats.read(run.resolve(f), 0);
            assertEquals(List.of(48L, 48L, 24L), List.of(v.shape()[0], v.shape()[1], v.shape()[2]), f);
            assertEquals(4.0, v.meta().voxelSizeUm().orElseThrow().xUm(), 1e-12, f);
            assertEquals("PHANTOM-1", v.meta().scrollId().orElseThrow(), f);
        }
        // tifffile: the overlay has the scan's geometry and puts letters exactly on the phantom's letter voxels
        long[] at = longs(ingest.get("regionOrigin")).stream().mapToLong(Long::longValue).toArray();
        String script = String.join("\n", "import tifffile, numpy as np",
                "with tifffile.TiffFile('" + run.resolve("renders/predicted-letters.tif") + "') as t:",
                "    a = t.asarray(); ij = t.imagej_metadata",
                "L = tifffile.imread('" + ph.resolve("letters-4um.tif") + "')[" + at[2] + ":" + (at[2] + 24) + ", " + at[1] + ":" + (at[1] + 48) + ", "
                        + at[0] + ":" + (at[0] + 48) + "]",
                "r = tifffile.imread('" + run.resolve("renders/aunn-render.tif") + "')",
                "assert ((a != 0) == (L != 0)).all()",
                "print(a.shape, r.shape, ij['spacing'], ij['unit'], ij['scrollwork.scrollId'], int(np.count_nonzero(L)), int(((a == L) & (L != 0)).sum()))");
        String said = PythonReference.run(script).trim();
        assertEquals("(24, 48, 48) (24, 48, 48) 4.0 micron PHANTOM-1 " + render.get("overlayLetterVoxels").asLong() + " "
                + render.get("overlayCorrectVoxels").asLong(), said);

        // restart: with the markers of train and later stages gone (as after a kill in training), a rerun skips ingest,
        // resumes training from its snapshot (already at the last step) and redoes the rest
        for (String s : List.of("train", "distill", "render", "evaluate", "report")) Files.delete(run.resolve("stages/" + s + ".json"));
        Files.delete(run.resolve("report/report.html"));
        CliTest.Result again = CliTest.run(runArgs);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("stage ingest: finished earlier, skipped"), again.out());
        assertTrue(again.out().contains("train: resuming from"), again.out());
        assertTrue(again.out().contains("stage report: finished"), again.out());
        assertTrue(Files.exists(run.resolve("report/report.html")));
        String log = Files.readString(run.resolve("run.log"), StandardCharsets.UTF_8);
        assertEquals(1, log.lines().filter(l -> l.contains("stage ingest: started")).count(), "one ingest: " + log);
        assertEquals(1, log.lines().filter(l -> l.contains("stage ingest: finished earlier, skipped")).count(), "one skip: " + log);
        assertEquals(2, log.lines().filter(l -> l.contains("stage train: started")).count(), "train ran again (resumed): " + log);

        // the stages one by one on the run's outputs
        String corpus = run.resolve("corpus").toString(), trainDir = run.resolve("train").toString();
        JsonNode e = JsonOutputCliTest.single(CliTest.run("eval", "--corpus", corpus, "--run", trainDir, "--record", ingest.get("volumeRecord").asText(),
                "--report", dir.resolve("eval").toString(), "--json"));
        assertEquals(eval.get("scores").get(0).get("psnrDb").asDouble(), e.get("scores").get(0).get("psnrDb").asDouble(), 1e-9);
        JsonNode t = JsonOutputCliTest.single(CliTest.run("render", "--corpus", corpus, "--model", trainDir, "--record", ingest.get("textRecord").asText(),
                dir.resolve("text").toString(), "--json"));
        assertEquals(text.get("hiddenLetters").asInt(), t.get("hiddenLetters").asInt());
        assertTrue(t.has("withPrior"), t.toString());
        JsonNode d = JsonOutputCliTest.single(CliTest.run("distill", "--run", trainDir, "--corpus", corpus, "--lm", run.resolve("train/prior.swng").toString(),
                "--steps", "3", "--json"));
        assertEquals(3, d.get("steps").asInt());
        inRange(d.get("meanKlBits"), 0, 10, "distill KL");

        // a finetune job from the run's model onto the phantom's 8 µm scan, in a copy of the corpus
        Path ftCorpus = dir.resolve("ft-corpus");
        copyTree(run.resolve("corpus"), ftCorpus);
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "base: run/train/model.aunn\ncorpus: ft-corpus\ningest:\n  scans: [phantom/scan-8um-54keV.tif]\n  heldOut: 0.25\n"
                + "budget: {steps: 6}\nbatchSize: 64\nevalEvery: 3\nevalSamples: 128\noutput: jobs/ft\n");
        JsonNode f = JsonOutputCliTest.single(CliTest.run("finetune", job.toString(), "--json"));
        assertEquals(6, f.get("step").asInt());
        inRange(f.get("heldOutBitsPerByte"), 0, 16, "finetune held-out bits");
        assertTrue(Files.isRegularFile(dir.resolve("jobs/ft/model.aunn")));
    }

    private static void inRange(JsonNode v, double lo, double hi, String what) {
        assertTrue(v != null && v.isNumber(), what + " is a number: " + v);
        double x = v.asDouble();
        assertTrue(Double.isFinite(x) && x >= lo && x <= hi, what + " = " + x + " not in [" + lo + ", " + hi + "]");
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
