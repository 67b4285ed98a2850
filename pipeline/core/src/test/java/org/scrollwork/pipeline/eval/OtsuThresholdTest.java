package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.testing.PythonReference;

/** Otsu's threshold against scikit-image's threshold_otsu (Debian python3-skimage) on the same values. */
class OtsuThresholdTest {
    @TempDir Path dir;

    @Tag("python")
    @Test
    void matchesScikitImageOnABimodalScan() throws Exception {
        PythonReference.assumeAvailable("numpy", "skimage");
        // background around 9000, papyrus around 21000, as in a uint16 CT region
        SplittableRandom r = new SplittableRandom(5);
        double[] v = new double[6000];
        for (int i = 0; i < v.length; i++) v[i] = Math.rint(i % 10 < 7 ? 9000 + 900 * r.nextGaussian() : 21000 + 1500 * r.nextGaussian());
        double mine = OtsuThreshold.of(v);
        double reference = skimage(v);
        double binWidth = (max(v) - min(v)) / 256;
        assertEquals(reference, mine, 1e-6 * binWidth, "skimage says " + reference);
        assertTrue(mine > 12000 && mine < 18000, "between the two modes: " + mine);
    }

    @Test
    void twoValuesSplitBetweenThemAndOneValueIsItself() {
        double[] v = {10, 10, 10, 50, 50};
        double t = OtsuThreshold.of(v);
        assertTrue(t >= 10 && t < 50, "threshold " + t);
        assertEquals(7.0, OtsuThreshold.of(new double[] {7, 7, 7}));
    }

    private double skimage(double[] v) throws IOException, InterruptedException {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) b.putDouble(d);
        Files.write(dir.resolve("v.f64"), b.array());
        String script = String.join("\n", "import numpy as np", "from skimage.filters import threshold_otsu",
                "print(repr(float(threshold_otsu(np.fromfile('v.f64', dtype='<f8')))))");
        String out = PythonReference.run(dir, script).trim();
        return Double.parseDouble(out);
    }

    private static double min(double[] v) { return java.util.Arrays.stream(v).min().orElseThrow(); }

    private static double max(double[] v) { return java.util.Arrays.stream(v).max().orElseThrow(); }
}
