package org.scrollwork.aunn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.IndexLayout;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

/**
 * The geometry embedding against closed forms: trilinear interpolation of a grid holding a linear function of the
 * vertex position returns that function at the voxel centre; coordinate bits of volumes are zeroed and a text keeps
 * its bits; a step moves only grid rows that samples reach; snapshots keep the layout; and on a smooth volume with
 * every second slice held out it interpolates where the seed's bits memorize.
 */
class GeometryEmbeddingTest {
    /** A 16×8×4 uint8 volume at index 0 ([z2 | y3 | x4]), 2 µm voxels, then a 16-byte text at 512. */
    static final IndexLayout LAYOUT = new IndexLayout(List.of(
            new IndexLayout.Region(0, true, 4, 3, 2, 0, 0, new double[3], new double[] {2, 2, 2}, 1, false),
            new IndexLayout.Region(512, false, 4, 0, 0, 0, -1, null, null, 2, false)));

    static long volumeIndex(long x, long y, long z) { return (z << 7) | (y << 4) | x; }

    @Test void interpolatesALinearFunctionOfPositionExactly() {
        GeometrySpec spec = new GeometrySpec(List.of(new GeometrySpec.GridLevel(2, 2, 4)), 1, 10, 0, 0, 1.0);
        GeometryEmbedding g = new GeometryEmbedding(spec, LAYOUT, 10);
        assertTrue(g.dense(0));
        // documented dense layout: vertices per axis ceil(extent / cell) + 2, row = vx + nx * (vy + ny * vz)
        long nx = 16 / 2 + 2, ny = 8 / 2 + 2, nz = 4 / 4 + 2;
        float[] table = new float[1 << 10];
        for (long vz = 0; vz < nz; vz++) for (long vy = 0; vy < ny; vy++) for (long vx = 0; vx < nx; vx++) {
            table[(int) (vx + nx * (vy + ny * vz))] = (float) (3 * vx - 2 * vy + 5 * vz + 1);
        }
        long[] idx = {volumeIndex(0, 0, 0), volumeIndex(5, 3, 1), volumeIndex(15, 7, 3), volumeIndex(8, 2, 2)};
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, ai.djl.ndarray.NDArray> p = new HashMap<>();
            p.put(GeometryEmbedding.gridName(0), m.create(table, new ai.djl.ndarray.types.Shape(1 << 10, 1)));
            float[] in = g.inputs(m, idx, p::get, m.getDevice()).toFloatArray();
            int width = g.inputSize();
            assertEquals(1 + 10, width);
            for (int i = 0; i < idx.length; i++) {
                long z = idx[i] >>> 7, y = (idx[i] >>> 4) & 7, x = idx[i] & 15;
                // grid coordinate of the voxel centre: (voxel + 0.5) / cell
                double expected = 3 * (x + 0.5) / 2 - 2 * (y + 0.5) / 2 + 5 * (z + 0.5) / 4 + 1;
                assertEquals(expected, in[i * width], 1e-4, "voxel " + x + "," + y + "," + z);
            }
        }
    }

    /**
     * The cubic B-spline reproduces linear functions of the vertex position and turns j² into u² + 1/3 (the variance of
     * the centred cubic B-spline, 4/12): checked at voxels whose 4 vertices per axis lie inside the table. A level's
     * cells of one voxel along z are read linearly.
     */
    @Test void bsplineReadsReproduceClosedFormsOfThePosition() {
        GeometrySpec spec = new GeometrySpec(List.of(new GeometrySpec.GridLevel(2, 2, 1)), 1, 10, 0, 0, 1.0, GeometrySpec.Basis.BSPLINE);
        GeometryEmbedding g = new GeometryEmbedding(spec, LAYOUT, 10);
        assertEquals(4 * 4 * 2, g.taps(0));
        long nx = 16 / 2 + 2, ny = 8 / 2 + 2, nz = 4 + 2;
        float[] table = new float[1 << 10];
        for (long vz = 0; vz < nz; vz++) for (long vy = 0; vy < ny; vy++) for (long vx = 0; vx < nx; vx++) {
            table[(int) (vx + nx * (vy + ny * vz))] = (float) (3 * vx * vx - 2 * vy + 5 * vz + 1);
        }
        long[] idx = {volumeIndex(2, 2, 0), volumeIndex(5, 3, 1), volumeIndex(13, 7, 3), volumeIndex(8, 4, 2)};
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, ai.djl.ndarray.NDArray> p = new HashMap<>();
            p.put(GeometryEmbedding.gridName(0), m.create(table, new ai.djl.ndarray.types.Shape(1 << 10, 1)));
            float[] in = g.inputs(m, idx, p::get, m.getDevice()).toFloatArray();
            int width = g.inputSize();
            for (int i = 0; i < idx.length; i++) {
                long z = idx[i] >>> 7, y = (idx[i] >>> 4) & 7, x = idx[i] & 15;
                double ux = (x + 0.5) / 2, uy = (y + 0.5) / 2, uz = z + 0.5;
                double expected = 3 * (ux * ux + 1.0 / 3) - 2 * uy + 5 * uz + 1;
                assertEquals(expected, in[i * width], 1e-3, "voxel " + x + "," + y + "," + z);
            }
        }
    }

    /** Axes a frame spans with one voxel (a single slice) are read linearly whatever the cell, so no vertex is read for nothing. */
    @Test void bsplineReadsAreLinearAlongAnAxisOneVoxelLong() {
        IndexLayout slice = new IndexLayout(List.of(new IndexLayout.Region(0, true, 4, 3, 0, 0, 0, new double[3], new double[] {2, 2, 2}, 1, false)));
        GeometryEmbedding g = new GeometryEmbedding(GeometrySpec.isotropic(8, 4, 2), slice, 10);
        for (int l = 0; l < 3; l++) assertEquals(4 * 4 * 2, g.taps(l), "level " + l);
        GeometryEmbedding cube = new GeometryEmbedding(GeometrySpec.isotropic(8, 4, 2), LAYOUT, 10);
        assertEquals(64, cube.taps(0));
        GeometryEmbedding linear = new GeometryEmbedding(GeometrySpec.isotropic(8).withBasis(GeometrySpec.Basis.LINEAR), LAYOUT, 10);
        assertEquals(8, linear.taps(0));
    }

    /** Settings written before the basis existed (snapshots, run configs) read as linear. */
    @Test void settingsWithoutABasisReadAsLinear() throws Exception {
        String json = "{\"levels\":[{\"cellX\":1,\"cellY\":1,\"cellZ\":8}],\"features\":2,\"log2TableSize\":16,"
                + "\"fourierFrequencies\":0,\"channelDim\":8,\"lrMultiplier\":5.0}";
        GeometrySpec s = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, GeometrySpec.class);
        assertEquals(GeometrySpec.Basis.LINEAR, s.basis());
        assertEquals(List.of(new GeometrySpec.GridLevel(1, 1, 8)), s.levels());
    }

    @Test void volumesLoseTheirCoordinateBitsAndTextsKeepThemAll() {
        GeometrySpec spec = new GeometrySpec(List.of(), 0, 10, 0, 0, 1.0);
        GeometryEmbedding g = new GeometryEmbedding(spec, LAYOUT, 10);
        GeometryEmbedding.Lookup v = g.lookup(new long[] {volumeIndex(5, 3, 1), 512 + 9});
        float[] expectedVolume = new float[10]; // bit 9 is the record's block (0: -1), bits 8..0 its z, y, x: zero
        expectedVolume[0] = -1;
        assertArrayEquals(expectedVolume, java.util.Arrays.copyOfRange(v.fixed(), 0, 10));
        float[] bits = new float[10];
        new BinaryEncoding(10).encode(512 + 9, bits, 0);
        assertArrayEquals(bits, java.util.Arrays.copyOfRange(v.fixed(), 10, 20));
        assertArrayEquals(new long[] {1, 2}, v.channels());
    }

    @Test void aStepMovesOnlyTheGridRowsItsSamplesReach() {
        AunnConfig c = new AunnConfig(10, 16, 1, 0, 0, 10.0, 0.0, 0.0, 1e-2, 0, 100, 8, 0.0, 3L,
                EncodingSpec.geometry(new GeometrySpec(List.of(new GeometrySpec.GridLevel(1, 1, 1)), 2, 10, 0, 4, 1.0)).boundTo(LAYOUT));
        try (AunnModel model = new AunnModel(c); AunnTrainer t = new AunnTrainer(model)) {
            float[] before = model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray();
            long[] idx = {volumeIndex(2, 2, 1)};
            GeometryEmbedding.Lookup look = model.geometry().lookup(idx);
            t.step(idx, new int[] {200});
            float[] after = model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray();
            java.util.Set<Long> touched = new java.util.HashSet<>();
            for (int k = 0; k < 8; k++) if (look.weights()[0][k] > 0) touched.add(look.rows()[0][k]);
            int changed = 0;
            for (int r = 0; r < before.length / 2; r++) {
                boolean moved = before[2 * r] != after[2 * r] || before[2 * r + 1] != after[2 * r + 1];
                if (moved) changed++;
                assertEquals(touched.contains((long) r), moved, "row " + r);
            }
            assertEquals(touched.size(), changed);
        }
    }

    @Test void trainingReadsACoarseVoxelAtTheCentresOfTheFinerVoxelsItCovers() {
        // a 2 µm volume (the frame's finest) and a 4 µm volume of the same frame after it
        IndexLayout two = new IndexLayout(List.of(
                new IndexLayout.Region(0, true, 4, 3, 2, 0, 0, new double[3], new double[] {2, 2, 2}, 1, false),
                new IndexLayout.Region(512, true, 3, 2, 1, 0, 0, new double[3], new double[] {4, 4, 4}, 3, false)));
        GeometrySpec spec = new GeometrySpec(List.of(new GeometrySpec.GridLevel(1, 1, 1)), 1, 12, 0, 0, 1.0);
        GeometryEmbedding g = new GeometryEmbedding(spec, two, 12);
        long fine = volumeIndex(5, 3, 1), coarse = 512 + ((1L << 5) | (2L << 3) | 3);
        GeometryEmbedding.Lookup centre = g.lookup(new long[] {fine, coarse});
        assertEquals(2, centre.size(), "prediction reads one point per sample");
        GeometryEmbedding.Lookup box = g.lookup(new long[] {fine, coarse}, 1);
        assertEquals(2 + 7, box.size());
        assertArrayEquals(new int[] {1}, box.boxes());
        assertArrayEquals(java.util.Arrays.copyOfRange(centre.weights()[0], 0, 8), java.util.Arrays.copyOfRange(box.weights()[0], 0, 8), 0f);
        // the coarse voxel (3, 2, 1) of 4 µm covers the 2 µm voxels 6..7 x 4..5 x 2..3, whose centres sit at
        // 6.5 / 7.5, 4.5 / 5.5, 2.5 / 3.5 frame voxels; on the 1-voxel grid a point's position is the weighted mean of
        // its vertices (dense rows: x + 18 (y + 10 z))
        java.util.Set<String> points = new java.util.TreeSet<>();
        for (int slot : new int[] {1, 2, 3, 4, 5, 6, 7, 8}) {
            double[] p = new double[3];
            for (int c = 0; c < 8; c++) {
                long row = box.rows()[0][slot * 8 + c], nx = 16 + 2, ny = 8 + 2;
                double w = box.weights()[0][slot * 8 + c];
                p[0] += w * (row % nx);
                p[1] += w * ((row / nx) % ny);
                p[2] += w * (row / (nx * ny));
            }
            points.add(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f", p[0], p[1], p[2]));
        }
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (double x : new double[] {6.5, 7.5}) for (double y : new double[] {4.5, 5.5}) for (double z : new double[] {2.5, 3.5}) {
            expected.add(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f", x, y, z));
        }
        assertEquals(expected, points);
    }

    @Test void aBoxsOutputIsTheMeanOfItsPointsAndOtherSamplesKeepTheirOwn() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 3 samples, the middle one a box: slots 0, 1, 2 then the box's 7 other points at 3..9
            float[] perSlot = new float[10 * 2];
            for (int i = 0; i < perSlot.length; i++) perSlot[i] = i * i;
            GeometryEmbedding.TrainingInputs in = new GeometryEmbedding.TrainingInputs(null, List.of(), 3, new int[] {1});
            float[] pooled = in.pool(m.create(perSlot, new Shape(10, 2))).toFloatArray();
            float[] expected = new float[6];
            expected[0] = 0; expected[1] = 1; expected[4] = 16; expected[5] = 25;
            for (int slot : new int[] {1, 3, 4, 5, 6, 7, 8, 9}) { expected[2] += perSlot[2 * slot] / 8f; expected[3] += perSlot[2 * slot + 1] / 8f; }
            assertArrayEquals(expected, pooled, 1e-3f);
        }
    }

    @Test void aLabelRegionTrainsTheNetworkButNotTheSharedGrids() {
        IndexLayout labels = new IndexLayout(List.of(
                new IndexLayout.Region(0, true, 4, 3, 2, 0, 0, new double[3], new double[] {2, 2, 2}, 1, true)));
        AunnConfig c = new AunnConfig(10, 16, 1, 0, 0, 10.0, 0.0, 0.0, 1e-2, 0, 100, 8, 0.0, 3L,
                EncodingSpec.geometry(new GeometrySpec(List.of(new GeometrySpec.GridLevel(2, 2, 2)), 2, 10, 0, 4, 1.0)).boundTo(labels));
        try (AunnModel model = new AunnModel(c); AunnTrainer t = new AunnTrainer(model)) {
            float[] grid = model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray();
            float[] input = model.parameters().get("input.weight").toFloatArray();
            t.step(new long[] {volumeIndex(2, 2, 1), volumeIndex(7, 3, 2)}, new int[] {1, 0});
            assertArrayEquals(grid, model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(input, model.parameters().get("input.weight").toFloatArray()));
        }
    }

    @Test void aSnapshotKeepsTheLayoutAndTheWeights(@TempDir Path dir) {
        AunnConfig c = new AunnConfig(10, 16, 1, 0, 0, 10.0, 0.0, 0.0, 1e-2, 0, 100, 64, 1.0, 3L,
                EncodingSpec.geometry(GeometrySpec.defaults()).boundTo(LAYOUT));
        InMemoryByteSource src = source(c.indexBits());
        long[] probe = {volumeIndex(3, 3, 1), volumeIndex(9, 1, 3), 515};
        try (AunnModel model = new AunnModel(c); AunnTrainer t = new AunnTrainer(model)) {
            t.train(src, new UniformRandom(64, 1), 5);
            Snapshot.save(dir.resolve("s.aunn"), t, src.fingerprint());
            float[] logits = Predictor.logits(model, probe, 16);
            AunnConfig read = Snapshot.readHeader(dir.resolve("s.aunn")).config();
            assertEquals(c.encoding(), read.encoding());
            try (AunnModel m2 = new AunnModel(read); AunnTrainer t2 = new AunnTrainer(m2)) {
                Snapshot.restore(dir.resolve("s.aunn"), t2, src.fingerprint(), Snapshot.Mode.RESUME);
                assertArrayEquals(logits, Predictor.logits(m2, probe, 16), 0f);
            }
        }
    }

    @Test void interpolatesHeldOutSlicesWhereTheSeedsBitsDoNot() {
        double geometry = heldOutRmse(EncodingSpec.geometry(GeometrySpec.isotropic(2, 4)));
        double bits = heldOutRmse(EncodingSpec.binary());
        System.out.printf("held-out slice RMSE of the expected byte: geometry %.2f, bits %.2f%n", geometry, bits);
        assertTrue(geometry < 0.7 * bits, "geometry " + geometry + " vs bits " + bits);
        assertTrue(geometry < 15, "geometry RMSE " + geometry);
    }

    /** A smooth 16×8×4 volume (110 + 50 sin(0.4x) cos(0.5y) + 25z, linear in z) with slice z = 1 held out. */
    static InMemoryByteSource source(int bits) {
        byte[] data = new byte[512 + 16];
        Role[] roles = new Role[data.length];
        for (int z = 0; z < 4; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) {
            int i = (int) volumeIndex(x, y, z);
            data[i] = (byte) Math.round(110 + 50 * Math.sin(0.4 * x) * Math.cos(0.5 * y) + 25 * z);
            roles[i] = z == 1 ? Role.HELD_OUT : Role.TRAIN;
        }
        for (int i = 0; i < 16; i++) {
            data[512 + i] = (byte) ('A' + i);
            roles[512 + i] = Role.TRAIN;
        }
        return new InMemoryByteSource(bits, 0, data, roles, LAYOUT);
    }

    private static double heldOutRmse(EncodingSpec e) {
        InMemoryByteSource src = source(10);
        AunnConfig c = new AunnConfig(10, 32, 1, 0, 0, 10.0, 0.0, 0.0, 5e-3, 20, 600, 128, 1.0, 5L, e.boundTo(src.layout()));
        try (AunnModel model = new AunnModel(c); AunnTrainer t = new AunnTrainer(model)) {
            t.train(src, new UniformRandom(128, 2), 600);
            long n = src.count(Role.HELD_OUT);
            long[] idx = new long[(int) n];
            for (int k = 0; k < n; k++) idx[k] = src.index(Role.HELD_OUT, k);
            double[] ev = Predictor.expectation(model, idx, 256);
            double se = 0;
            for (int k = 0; k < n; k++) se += Math.pow(ev[k] - src.byteAt(idx[k]), 2);
            return Math.sqrt(se / n);
        }
    }
}
