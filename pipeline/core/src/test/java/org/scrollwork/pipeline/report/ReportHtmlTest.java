package org.scrollwork.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scrollwork.pipeline.distill.Provenance;
import org.scrollwork.pipeline.render.TextRender;

/** The report pages' templates: the numbers and links in place, text from the run escaped, sections' HTML kept. */
class ReportHtmlTest {
    @Test
    void reconstructionPageEscapesFactsAndKeepsSectionHtml() {
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("scan", "<script>alert('x')</script> & more");
        eval.put("heldOutSlices", List.of(1, 3, 5));
        eval.put("heldOutVoxels", 2880);
        eval.put("psnrPeak", 255);
        eval.put("regionDataRange", 167.0);
        eval.put("materialThreshold", 83.25);
        eval.put("materialVoxels", 1234);
        eval.put("noiseSigma", 16.7712345678);
        eval.put("hOverSigma", 0.06251234);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", "AUNN");
        row.put("psnrDb", 31.234567);
        row.put("psnrRegionRangeDb", null);
        row.put("psnrMaterialDb", 20.0);
        row.put("ssim", 0.98765);
        eval.put("scores", List.of(row));
        String page = ReconstructionReport.html(new ObjectMapper().valueToTree(eval), List.of("plots/loss.png"), List.of(new ReconstructionReport.Section("Stages <1>", "<table><tr><td>x</td></tr></table>")));
        assertTrue(page.contains("<tr><td>scan</td><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</td></tr>"), page);
        assertFalse(page.contains("<script>"), page);
        // facts rounded to what they mean, not printed to the last bit of a double
        assertTrue(page.contains("<tr><td>materialThreshold</td><td>83.25</td></tr>"), page);
        assertTrue(page.contains("<tr><td>regionDataRange</td><td>167</td></tr>"), page);
        assertTrue(page.contains("<tr><td>noiseSigma</td><td>16.77</td></tr>"), page);
        assertTrue(page.contains("<tr><td>hOverSigma</td><td>0.06251</td></tr>"), page);
        assertTrue(page.contains("<tr><td>heldOutVoxels</td><td>2880</td></tr>"), page);
        assertTrue(page.contains("<p>3 held-out slices, 2880 voxels. PSNR over all held-out voxels with the data type's peak, 255, and with the region's data range"
                + " (largest minus smallest voxel), 167; over the 1234 material voxels (above 83.3,"), page);
        assertTrue(page.contains("<tr><td>AUNN</td><td>31.23</td><td>n/a</td><td>20.00</td><td>0.9877</td></tr>\n"), page);
        assertTrue(page.contains("<p><img src=\"plots/loss.png\" alt=\"plots/loss.png\"></p>\n<h2>Stages &lt;1&gt;</h2>\n<table><tr><td>x</td></tr></table>\n<h2>Renders"), page);
        assertTrue(page.contains("<li><a href=\"renders/truth.tif\">truth.tif</a></li>\n</ul>\n<p><a href=\"evaluation.json\">evaluation.json</a></p>\n</body></html>\n"), page);
    }

    @Test
    void textPageMarksPredictedLettersAndEscapesTheText() {
        TextRender t = new TextRender(7, "Λ<Γ\"Σ ΚΑΙ", "Λ<Γ\"Ν ΚΑΙ", "Λ<Γ\"Σ ΚΑΙ",
                List.of(new Provenance(7, 4, 9, 'Ν', 0.6, 'Σ', 0.7, 0.12), new Provenance(7, 6, 11, 'Κ', 0.9, 'Κ', 0.95, 0.01)));
        String page = TextReport.html(t);
        assertTrue(page.contains("<p class=\"t\">Λ&lt;Γ&quot;<span class=\"hid\">·</span> <span class=\"hid\">·</span>ΑΙ</p>"), page);
        assertTrue(page.contains("<span class=\"prior\" title=\"AUNN Ν 0.60, with prior Σ 0.70, KL 0.12 bits\">Σ</span>"), page);
        assertTrue(page.contains("the language prior changed the AUNN's letter (1);"), page);
        String alone = TextReport.html(new TextRender(7, t.evidence(), t.withoutPrior(), null, t.hidden()));
        assertTrue(alone.contains("<span class=\"same\" title=\"AUNN Ν 0.60\">Ν</span>"), alone);
        assertFalse(alone.contains("with the language prior"), alone);
    }
}
