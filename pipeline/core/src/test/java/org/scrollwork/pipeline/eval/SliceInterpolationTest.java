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
}
