package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.workflows.app.TrainingSettings;

/** The corpus commands, headless, driven by macro options on the current image. */
class FijiCorpusCommandsTest {
    @TempDir Path dir;

    @AfterEach void noCurrentImage() { WindowManager.setTempCurrentImage(null); }

    private static ImagePlus ramp(int w, int h, int d) {
        ImageStack s = new ImageStack(w, h);
        for (int z = 0; z < d; z++) {
            ByteProcessor p = new ByteProcessor(w, h);
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p.set(x, y, (x * 3 + y * 11 + z * 40) % 256);
            s.addSlice(p);
        }
        return new ImagePlus("ramp", s);
    }

    private static VoxelSize voxelSizeOfVolume(Corpus c) {
        CorpusRecord r = c.records().stream().filter(x -> x.kind() == RecordKind.VOLUME).reduce((a, b) -> b).orElseThrow();
        return r.meta().voxelSizeUm().orElseThrow();
    }

    @Test
    void addToCorpusKeepsTheCalibrationAsVoxelSizeInMicrometres() throws Exception {
        ImagePlus imp = ramp(9, 5, 3);
        imp.getCalibration().pixelWidth = 0.0079;
        imp.getCalibration().pixelHeight = 0.0079;
        imp.getCalibration().pixelDepth = 0.0158;
        imp.getCalibration().setUnit("mm");
        WindowManager.setTempCurrentImage(imp);
        Path corpus = dir.resolve("corpus");
        assertNull(MacroRun.run(new AddToCorpus(), "corpus=[" + corpus + "] modality=ct"));
        try (Corpus c = Corpus.open(corpus)) {
            VoxelSize v = voxelSizeOfVolume(c);
            assertEquals(7.9, v.xUm(), 1e-9);
            assertEquals(7.9, v.yUm(), 1e-9);
            assertEquals(15.8, v.zUm(), 1e-9);
            CorpusRecord r = c.records().get(c.records().size() - 1);
            assertEquals(9, r.shape().x());
            assertEquals(3, r.shape().z());
            // the stored bytes are the image's pixels: rendered back through the plugin they are equal
            ImagePlus back = MacroRun.run(new RenderRecord(), "corpus=[" + corpus + "] record=" + r.id() + " source=stored");
            for (int z = 0; z < 3; z++) {
                ImageProcessor a = imp.getStack().getProcessor(z + 1), b = back.getStack().getProcessor(z + 1);
                for (int y = 0; y < 5; y++) for (int x = 0; x < 9; x++) assertEquals(a.get(x, y), b.get(x, y));
            }
            assertEquals(7.9, back.getCalibration().pixelWidth, 1e-9);
        }
        Path run = dir.resolve("run");
        assertNull(MacroRun.run(new TrainAunn(), "corpus=[" + corpus + "] run=[" + run + "] steps=5 width=16 depth=1 batch=64 lr=0.003 schedule=serial seed=1"));
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "one evaluation at step 5");
    }

    @Test
    void reconstructingABoxOfAPhantomGivesAFiniteImageOfTheBoxSize() throws Exception {
        var scan = PhantomGenerator.generate(PhantomConfig.forSize(48, 48, 16)).fine().scans().get(0);
        ImagePlus imp = ImagePlusVolumes.toImagePlus(scan, "phantom", new ImageJProgress());
        imp.setRoi(new Roi(8, 10, 12, 6));
        WindowManager.setTempCurrentImage(imp);
        Path work = dir.resolve("work");
        ImagePlus out = MacroRun.run(new ReconstructBox(), "first=5 last=7 work=[" + work + "] steps=30 width=32 depth=1 batch=256 lr=0.003 schedule=random seed=2");
        assertEquals(12, out.getWidth());
        assertEquals(6, out.getHeight());
        assertEquals(3, out.getStackSize());
        assertEquals(imp.getCalibration().pixelWidth, out.getCalibration().pixelWidth, 1e-12);
        for (int z = 1; z <= 3; z++) {
            float[] px = (float[]) out.getStack().getPixels(z);
            for (float f : px) assertTrue(Float.isFinite(f) && f >= 0 && f <= 255, "expected byte value in [0, 255]: " + f);
        }
        assertTrue(Files.exists(work.resolve("run").resolve("model.aunn")));
        try (Corpus c = Corpus.open(work.resolve("corpus"))) {
            assertEquals(12L * 6 * 3, c.count(org.scrollwork.aunn.data.Role.HELD_OUT));
        }

        // finetune the reconstruction's model on the same image, then render the record from the finetuned model
        Path ft = dir.resolve("ft");
        imp.deleteRoi();
        assertEquals(out, WindowManager.getCurrentImage(), "the reconstruction became the current image");
        WindowManager.setTempCurrentImage(imp);
        assertNull(MacroRun.run(new FinetuneOnImage(), "base=[" + work.resolve("run") + "] run=[" + ft + "] steps=10 width=32 depth=1 batch=128 lr=0.003 schedule=random seed=3"));
        assertTrue(Files.exists(ft.resolve("metrics.jsonl")));
        ImagePlus rendered = MacroRun.run(new RenderRecord(), "corpus=[" + ft.resolve("corpus") + "] record=1 source=model run=[" + ft + "]");
        assertEquals(48, rendered.getWidth());
        assertEquals(16, rendered.getStackSize());
    }

    @Test
    void escapeStopsTrainingAtAnEvaluationAndRerunningResumesFromItsSnapshot() throws Exception {
        Path corpusDir = dir.resolve("corpus");
        try (Corpus c = CorpusImages.openOrCreate(corpusDir)) {
            CorpusImages.append(c, ramp(16, 8, 4), "ct", new ImageJProgress());
        }
        Path run = dir.resolve("run");
        TrainingSettings s = new TrainingSettings(20, 16, 1, 64, 3e-3, org.scrollwork.pipeline.TrainingRun.ScheduleName.RANDOM, 1);
        ImageJProgress escAtFirstEvaluation = new ImageJProgress() {
            @Override protected boolean cancelled() { return true; }
        };
        try (Corpus c = Corpus.open(corpusDir)) {
            assertThrows(CancelledException.class, () -> Training.train(c, run, s, escAtFirstEvaluation));
            assertEquals(5, org.scrollwork.aunn.snapshot.Snapshot.readHeader(run.resolve("model.aunn")).step(), "stopped at the first evaluation (every 5 steps)");
            Training.train(c, run, s, new ImageJProgress());
        }
        var steps = Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> l.replaceAll(".*\"step\":(\\d+).*", "$1")).toList();
        assertEquals(java.util.List.of("5", "10", "15", "20"), steps);
    }

    @Test
    void reportOfARunWithoutOneSaysSo() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroRun.run(new OpenRunReport(), "run=[" + run + "]"));
        assertTrue(e.getMessage().contains("has no report.html yet"), e.getMessage());
        Files.writeString(run.resolve("report.html"), "<html></html>");
        assertNull(MacroRun.run(new OpenRunReport(), "run=[" + run + "]"));
    }
}
