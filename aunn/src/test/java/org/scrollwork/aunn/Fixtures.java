package org.scrollwork.aunn;

import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;

/** Small configs and structured data for tests. */
public final class Fixtures {
    private Fixtures() {}

    /** A small, fast model: 16-bit index, width 64, depth 2, batch 256. */
    public static AunnConfig small() {
        return new AunnConfig(16, 64, 2, 0, 0, 10.0, 0.0, 0.0, 3e-3, 20, 2000, 256, 1.0, 7L, EncodingSpec.binary());
    }

    /**
     * A 16^3 uint8 volume (x fastest) with structure: value = 16 * ((x ^ y) & 15) + (z & 15) within
     * a sphere, 0 outside. 4096 bytes at indices 0..4095 (index bits = [z | y | x]).
     */
    public static byte[] structuredVolume(int n) {
        byte[] v = new byte[n * n * n];
        double c = (n - 1) / 2.0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c));
                    int val = r < n * 0.45 ? 16 * ((x ^ y) & 15) + (z & 15) : 0;
                    v[(z * n + y) * n + x] = (byte) val;
                }
            }
        }
        return v;
    }
}
