package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-local means + trilinear baseline of {@link HeldOutSliceEvaluation}, without a model. */
class HeldOutSliceNlmTest {
    static final int NX = 32, NY = 28, NZ = 24;

    /** Odd slices held out, those with z % 8 == 7 for validation (as the demo's split). */
    static List<Integer> test() {
        List<Integer> t = new ArrayList<>();
        for (int z = 1; z + 1 < NZ; z += 2) if (z % 8 != 7) t.add(z);
        return t;
    }

    static final List<Integer> VALIDATION = List.of(7, 15);

    /** A sheet that drifts along z plus a ball, and noise of σ (x fastest). */
    static double[] volume(double sigma, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] v = new double[NX * NY * NZ];
        for (int z = 0, i = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++, i++) {
                    double sheet = Math.abs(y - 10 - 0.2 * z - 3 * Math.sin(x / 5.0)) < 2.5 ? 110 : 0;
                    double ball = Math.pow(x - 20, 2) + Math.pow(y - 20, 2) + Math.pow(z - 12, 2) < 30 ? 90 : 0;
                    v[i] = 30 + sheet + ball + sigma * r.nextGaussian();
                }
            }
        }
        return v;
    }

    @Test
    void theValidationSlicesChooseTheCutOffAndTheBaselineBeatsTrilinearOnNoise() {
        double[] noisy = volume(15, 1), clean = volume(0, 1);
        HeldOutSliceEvaluation.NlmBaseline b = HeldOutSliceEvaluation.nlmTrilinear(noisy, NX, NY, NZ, test(), VALIDATION, 255);
        HeldOutSliceEvaluation.NlmChoice c = b.choice();
        assertEquals(15, c.sigma(), 2.5, "σ estimated on the known slices (the sheet's and the ball's edges add to the noise)");
        assertEquals(HeldOutSliceEvaluation.NLM_H_OVER_SIGMA, c.candidates());
        assertEquals(c.candidates().size(), c.validationPsnrDb().size());
        int best = 0;
        for (int i = 1; i < c.candidates().size(); i++) if (c.validationPsnrDb().get(i) > c.validationPsnrDb().get(best)) best = i;
        assertEquals(c.candidates().get(best), c.hOverSigma(), "the best candidate on the validation slices");
        for (int z = 0; z < NZ; z++) assertEquals(z % 2 == 0 || z == NZ - 1, c.knownSlices().contains(z), "slice " + z);

        boolean[] known = new boolean[NZ];
        java.util.Arrays.fill(known, true);
        for (int z : test()) known[z] = false;
        double[] tri = SliceInterpolation.trilinear(noisy, NX, NY, NZ, known);
        double nlmVsClean = HeldOutSliceEvaluation.score("n", clean, b.volume(), test(), NX, NY, 255).psnrDb();
        double triVsClean = HeldOutSliceEvaluation.score("t", clean, tri, test(), NX, NY, 255).psnrDb();
        assertTrue(nlmVsClean > triVsClean + 1, "against the noise-free volume: NLM + trilinear " + nlmVsClean + " dB, trilinear " + triVsClean);
        // outside the test slices the reconstruction is the scan itself
        int plane = NX * NY;
        for (int z = 0; z < NZ; z++) {
            if (test().contains(z)) continue;
            for (int i = z * plane; i < (z + 1) * plane; i++) assertEquals(noisy[i], b.volume()[i], 0);
        }
    }

    @Test
    void noTestOrValidationVoxelReachesTheTestSlices() {
        double[] a = volume(15, 2), b = a.clone();
        java.util.Random r = new java.util.Random(3);
        int plane = NX * NY;
        for (int z : test()) for (int i = z * plane; i < (z + 1) * plane; i++) b[i] = r.nextInt(256);
        double[] fromA = HeldOutSliceEvaluation.nlmTrilinear(a, NX, NY, NZ, test(), VALIDATION, 255).volume();
        double[] fromB = HeldOutSliceEvaluation.nlmTrilinear(b, NX, NY, NZ, test(), VALIDATION, 255).volume();
        for (int z : test()) {
            assertArrayEquals(java.util.Arrays.copyOfRange(fromA, z * plane, (z + 1) * plane), java.util.Arrays.copyOfRange(fromB, z * plane, (z + 1) * plane), 0,
                    "test slice " + z + " depends on test voxels");
        }
        // validation slices choose h but are not in the stack denoised and interpolated from; without validation slices they are
        HeldOutSliceEvaluation.NlmChoice ca = HeldOutSliceEvaluation.nlmTrilinear(a, NX, NY, NZ, test(), VALIDATION, 255).choice();
        assertTrue(!ca.knownSlices().contains(7) && !ca.knownSlices().contains(15), "known: " + ca.knownSlices());
        double[] c = a.clone();
        for (int z : VALIDATION) for (int i = z * plane; i < (z + 1) * plane; i++) c[i] = 0;
        double[] fromAh = HeldOutSliceEvaluation.nlmTrilinear(a, NX, NY, NZ, test(), List.of(), 255).volume();
        double[] fromCh = HeldOutSliceEvaluation.nlmTrilinear(c, NX, NY, NZ, test(), List.of(), 255).volume();
        assertTrue(!java.util.Arrays.equals(fromAh, fromCh), "without validation slices, 7 and 15 are known and used");
    }

    @Test
    void withoutValidationSlicesTheDefaultCutOffAndWithoutNoisePlainTrilinear() {
        HeldOutSliceEvaluation.NlmChoice c = HeldOutSliceEvaluation.nlmTrilinear(volume(15, 4), NX, NY, NZ, test(), List.of(), 255).choice();
        assertEquals(HeldOutSliceEvaluation.NLM_DEFAULT_H_OVER_SIGMA, c.hOverSigma());
        assertTrue(c.validationPsnrDb().isEmpty() && !c.chosenOnValidation());
        // a volume with no x·y·z structure has no noise to the estimate: the baseline is trilinear interpolation
        double[] smooth = new double[NX * NY * NZ];
        for (int z = 0, i = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++, i++) smooth[i] = x + 2 * y + z * z;
        HeldOutSliceEvaluation.NlmBaseline b = HeldOutSliceEvaluation.nlmTrilinear(smooth, NX, NY, NZ, test(), VALIDATION, 255);
        assertEquals(0, b.choice().sigma(), 0);
        boolean[] known = new boolean[NZ];
        java.util.Arrays.fill(known, true);
        for (int z : test()) known[z] = false;
        for (int z : VALIDATION) known[z] = false;
        double[] masked = smooth.clone();
        double[] tri = SliceInterpolation.trilinear(masked, NX, NY, NZ, known);
        int plane = NX * NY;
        for (int z : test()) {
            for (int i = z * plane; i < (z + 1) * plane; i++) assertEquals(tri[i], b.volume()[i], 1e-12);
        }
        List<Integer> all = new ArrayList<>();
        for (int z = 0; z < NZ; z++) if (z % 2 == 1) all.add(z);
        List<Integer> evens = new ArrayList<>();
        for (int z = 0; z < NZ; z++) if (z % 2 == 0) evens.add(z);
        assertThrows(IllegalArgumentException.class, () -> HeldOutSliceEvaluation.nlmTrilinear(smooth, NX, NY, NZ, all, evens, 255));
    }
}
