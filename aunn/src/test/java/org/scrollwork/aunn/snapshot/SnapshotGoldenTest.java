package org.scrollwork.aunn.snapshot;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.train.AunnTrainer;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads the version-1 golden snapshot, which Python wrote from SNAPSHOT.md alone
 * (src/test/resources/snapshots/make_v1_tiny.py): value {@code k + i/1000} at position {@code i} of the
 * {@code k}-th tensor.
 */
class SnapshotGoldenTest {
    private static final List<String> NAMES = List.of("input.weight", "input.bias", "norm.weight", "norm.bias", "head.weight", "head.bias");

    private static Path golden() throws URISyntaxException {
        return Path.of(SnapshotGoldenTest.class.getResource("/snapshots/v1-tiny.snap").toURI());
    }

    @Test
    void readsTheVersionOneGoldenFile() throws URISyntaxException {
        Snapshot.Contents c = Snapshot.read(golden());
        AunnConfig expect = new AunnConfig(2, 1, 0, 0, 0, 10.0, 0.0, 0.01, 0.001, 1, 10, 4, 1.0, 3L, EncodingSpec.binary());
        assertEquals(expect, c.header().config());
        assertEquals(7, c.header().step());
        assertEquals("golden:v1", c.header().sourceFingerprint());
        int k = 0;
        for (var group : List.of(c.params(), c.optimizer().firstMoment(), c.optimizer().secondMoment())) {
            for (String n : NAMES) {
                float[] v = group.get(n);
                for (int i = 0; i < v.length; i++) assertEquals((float) (k + i / 1000.0), v[i], 0f, n + "[" + i + "]");
                k++;
            }
        }
        try (AunnModel m = new AunnModel(expect); AunnTrainer t = new AunnTrainer(m)) {
            Snapshot.restore(golden(), t, "golden:v1", Snapshot.Mode.RESUME);
            assertEquals(7, t.step());
            assertEquals(7, t.optimizer().updates());
            assertEquals(4.255f, m.exportParameters().get("head.weight")[255], 1e-6f);
        }
    }
}
