package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SliceInterpolationTest {
    private static final int NX = 20, NY = 18, NZ = 13;

    /** Every odd slice unknown. */
    private static boolean[] evenKnown() {
        boolean[] k = new boolean[NZ];
        for (int z = 0; z < NZ; z += 2) k[z] = true;
        return k;
    }

    private static double[] volume(Field f) {
        double[] v = new double[NX * NY * NZ];
        for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) v[(z * NY + y) * NX + x] = f.at(x, y, z);
        return v;
    }

    private interface Field { double at(int x, int y, int z); }

    @Test
    void trilinearIsExactForFieldsLinearInZ() {
        Field f = (x, y, z) -> 3 * x + 0.5 * y * y + 7 * z + 0.1 * x * y;
        double[] truth = volume(f);
        double[] masked = truth.clone();
        boolean[] known = evenKnown();
        for (int z = 1; z < NZ; z += 2) for (int i = 0; i < NX * NY; i++) masked[z * NX * NY + i] = -1000;
        double[] out = SliceInterpolation.trilinear(masked, NX, NY, NZ, known);
        for (int i = 0; i < out.length; i++) assertEquals(truth[i], out[i], 1e-9);
    }

    @Test
    void tricubicReproducesAQuadraticInZAwayFromTheEnds() {
        // Central differences of a quadratic are exact, so cubic Hermite interpolation is too (interior cells).
        Field f = (x, y, z) -> 2 * x - y + 0.75 * z * z - 3 * z;
        double[] truth = volume(f);
        double[] masked = truth.clone();
        boolean[] known = evenKnown();
        for (int z = 1; z < NZ; z += 2) for (int i = 0; i < NX * NY; i++) masked[z * NX * NY + i] = -1000;
        double[] cubic = SliceInterpolation.tricubic(masked, NX, NY, NZ, known);
        double[] linear = SliceInterpolation.trilinear(masked, NX, NY, NZ, known);
        for (int z = 3; z <= NZ - 4; z += 2) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    int i = (z * NY + y) * NX + x;
                    assertEquals(truth[i], cubic[i], 1e-9, "at " + x + "," + y + "," + z);
                    // linear interpolation of 0.75 z^2 over a gap of 2 overshoots by 0.75 * 1 = 0.75
                    assertEquals(truth[i] + 0.75, linear[i], 1e-9);
                }
            }
        }
    }

    @Test
    void knownSlicesAreKeptAndTooFewKnownSlicesAreRejected() {
        double[] v = volume((x, y, z) -> x * y + z);
        double[] out = SliceInterpolation.tricubic(v, NX, NY, NZ, evenKnown());
        for (int z = 0; z < NZ; z += 2) for (int i = 0; i < NX * NY; i++) assertEquals(v[z * NX * NY + i], out[z * NX * NY + i]);
        boolean[] one = new boolean[NZ];
        one[4] = true;
        assertThrows(IllegalArgumentException.class, () -> SliceInterpolation.tricubic(v, NX, NY, NZ, one));
        assertThrows(IllegalArgumentException.class, () -> SliceInterpolation.trilinear(v, NX, NY, NZ, new boolean[NZ]));
    }

    /** Slices with z % 3 == 0 known (0, 3, 6, 9, 12): gaps of two unknown slices, as --hold-out planes:3 leaves them. */
    private static boolean[] everyThirdKnown() {
        boolean[] k = new boolean[NZ];
        for (int z = 0; z < NZ; z += 3) k[z] = true;
        return k;
    }

    @Test
    void trilinearWeighsTheKnownSlicesAcrossAGapOfThreeByDistance() {
        // arbitrary (not linear) known slices; slice 3 + t for t = 1, 2 is (3 - t)/3 of slice 3 plus t/3 of slice 6
        java.util.Random rnd = new java.util.Random(7);
        double[] v = new double[NX * NY * NZ];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(256);
        boolean[] known = everyThirdKnown();
        double[] masked = v.clone();
        for (int z = 0; z < NZ; z++) if (!known[z]) java.util.Arrays.fill(masked, z * NX * NY, (z + 1) * NX * NY, -1000);
        double[] out = SliceInterpolation.trilinear(masked, NX, NY, NZ, known);
        int plane = NX * NY;
        for (int i = 0; i < plane; i++) {
            double a = v[3 * plane + i], b = v[6 * plane + i];
            assertEquals(2.0 / 3 * a + 1.0 / 3 * b, out[4 * plane + i], 1e-9);
            assertEquals(1.0 / 3 * a + 2.0 / 3 * b, out[5 * plane + i], 1e-9);
            assertEquals(a, out[3 * plane + i], 0); // known slices are kept
        }
        // every fourth slice known (0, 4, 8, 12): slice 4 + t is (4 - t)/4 of slice 4 plus t/4 of slice 8
        boolean[] fourth = new boolean[NZ];
        for (int z = 0; z < NZ; z += 4) fourth[z] = true;
        double[] out4 = SliceInterpolation.trilinear(v, NX, NY, NZ, fourth);
        for (int i = 0; i < plane; i++) {
            double a = v[4 * plane + i], b = v[8 * plane + i];
            assertEquals(0.75 * a + 0.25 * b, out4[5 * plane + i], 1e-9);
            assertEquals(0.5 * a + 0.5 * b, out4[6 * plane + i], 1e-9);
            assertEquals(0.25 * a + 0.75 * b, out4[7 * plane + i], 1e-9);
        }
    }

    @Test
    void acrossAGapOfThreeTricubicIsExactForAQuadraticAndTrilinearOvershootsByTheClosedForm() {
        // evenly spaced known slices (spacing 3): central differences of a quadratic are exact, so the cubic is;
        // linear interpolation of c z^2 between z0 and z0 + 3 overshoots at z0 + t by c t (3 - t) = 2c for t = 1, 2
        Field f = (x, y, z) -> 2 * x - y + 0.75 * z * z - 3 * z;
        double[] truth = volume(f);
        boolean[] known = everyThirdKnown();
        double[] masked = truth.clone();
        for (int z = 0; z < NZ; z++) if (!known[z]) java.util.Arrays.fill(masked, z * NX * NY, (z + 1) * NX * NY, -1000);
        double[] cubic = SliceInterpolation.tricubic(masked, NX, NY, NZ, known);
        double[] linear = SliceInterpolation.trilinear(masked, NX, NY, NZ, known);
        for (int z : new int[] {4, 5, 7, 8}) { // interior cells: a known slice on either side of the cell's own two
            for (int i = z * NX * NY; i < (z + 1) * NX * NY; i++) {
                assertEquals(truth[i], cubic[i], 1e-9, "slice " + z);
                assertEquals(truth[i] + 2 * 0.75, linear[i], 1e-9, "slice " + z);
            }
        }
    }
}
