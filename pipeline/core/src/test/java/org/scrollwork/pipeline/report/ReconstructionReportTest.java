package org.scrollwork.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.testing.PythonReference;

/** A run's report on a small held-out-slice run ({@link ReportFixture}): scores, figures and calibrated renders. */
@Tag("python")
class ReconstructionReportTest {
    @TempDir Path dir;

    @Test
    void trainEvaluateAndReportWritesScoresFiguresAndCalibratedRenders() throws Exception {
        PythonReference.assumeAvailable("numpy", "tifffile");
        ReportFixture.Run run = ReportFixture.run(dir);
        assertEquals(List.of(1, 3, 5, 7, 9), run.held());
        HeldOutSliceEvaluation.Result result = run.result();
        assertEquals(10 * Math.log10(255.0 * 255.0), result.score("trilinear").psnrDb(), 1e-9, "MSE of exactly 1");
        assertTrue(result.score("tricubic").psnrDb() > result.score("trilinear").psnrDb());
        // x + y + z² has no noise to the Haar estimate (σ = 0): non-local means leaves the known slices as they are
        assertEquals(0, result.nlm().sigma(), 0);
        assertEquals(result.score("trilinear").psnrDb(), result.score(HeldOutSliceEvaluation.NLM).psnrDb(), 1e-9);
        double aunn = result.score("AUNN").psnrDb();
        assertTrue(Double.isFinite(aunn) && aunn > 0, "AUNN PSNR " + aunn);
        // the region's data range: 0 at the origin to 23 + 23 + 11² = 167; trilinear is off by 1 on every voxel, material or not
        assertEquals(167.0, result.regionRange());
        assertEquals("trilinear", result.rangeScores().get(1).method());
        assertEquals(10 * Math.log10(167.0 * 167.0), result.rangeScores().get(1).psnrDb(), 1e-9);
        assertEquals(10 * Math.log10(167.0 * 167.0), result.rangeScores().get(1).materialPsnrDb(), 1e-9);
        assertTrue(result.materialVoxels() > 0 && result.materialVoxels() < result.heldOutVoxels(), "material: " + result.materialVoxels());

        Path out = dir.resolve("report");
        Path html = run.report(out, new ReportFacts.Eval(dir.resolve("corpus").toString(), 0, "24x24x12", run.train().toString(), 60));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("tricubic") && page.contains("plots/loss.png") && page.contains("renders/aunn-reconstruction.tif"));
        assertTrue(page.contains("the data type's peak, 255") && page.contains("region's data range (largest minus smallest voxel), 167"), page);
        BufferedImage loss = ImageIO.read(out.resolve("plots/loss.png").toFile());
        assertEquals(720, loss.getWidth());
        assertTrue(ImageIO.read(out.resolve("plots/slice-z5.png").toFile()).getWidth() > 5 * 24);
        // the held-out slices seen edge-on: x-z through the middle row and y-z through the middle column, 12 slices tall
        // (the longer side, 24 columns, scaled by 256 / 24 = 10; 10 + 24 pixels of gap and caption), six panels
        BufferedImage xz = ImageIO.read(out.resolve("plots/slice-xz-y12.png").toFile());
        assertEquals(12 * 10 + 10 + 24, xz.getHeight());
        assertEquals(6 * (24 * 10 + 10) + 10, xz.getWidth());
        assertTrue(Files.exists(out.resolve("plots/slice-yz-x12.png")));
        assertTrue(page.contains("plots/slice-xz-y12.png") && page.contains("plots/slice-yz-x12.png"), page);
        JsonNode eval = new ObjectMapper().readTree(out.resolve(ReconstructionReport.EVALUATION).toFile());
        assertEquals(4, eval.get("scores").size(), "AUNN, trilinear, tricubic, NLM + trilinear");
        assertEquals(HeldOutSliceEvaluation.NLM, eval.get("scores").get(3).get("method").asText());
        assertTrue(page.contains("NLM + trilinear") && page.contains("nlmHOverSigma"), page);
        assertEquals(result.score("AUNN").psnrDb(), eval.get("scores").get(0).get("psnrDb").asDouble(), 1e-9);

        // tifffile (Debian) reads the render: shape, known slices kept, and the ImageJ voxel size
        String script = String.join("\n", "import tifffile, numpy as np",
                "with tifffile.TiffFile('" + out.resolve("renders/aunn-reconstruction.tif") + "') as t:",
                "    a = t.asarray(); ij = t.imagej_metadata; xr = t.pages[0].tags['XResolution'].value",
                "z = np.arange(12)[:, None, None]; y = np.arange(24)[None, :, None]; x = np.arange(24)[None, None, :]",
                "truth = (x + y + z * z).astype(np.uint8)",
                "assert a.shape == (12, 24, 24), a.shape",
                "assert (a[::2] == truth[::2]).all() and (a[11] == truth[11]).all()",
                "print(a.dtype, round(xr[1] / xr[0], 4), ij.get('spacing'), ij.get('unit'))");
        String said = PythonReference.run(script).trim();
        assertEquals("uint8 7.91 7.91 micron", said);
    }
}
