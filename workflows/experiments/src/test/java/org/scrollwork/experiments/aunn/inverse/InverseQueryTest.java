package org.scrollwork.experiments.aunn.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

class InverseQueryTest {

    /** 4096 zero bytes with two planted regions: byte 200 at [1024, 1088), the patch 10,20,30,40 repeated at [2048, 2112). */
    @Test
    void findsThePlantedByteAndThePlantedPatch() {
        byte[] data = new byte[4096];
        for (int i = 1024; i < 1088; i++) data[i] = (byte) 200;
        int[] patch = {10, 20, 30, 40};
        for (int i = 2048; i < 2112; i++) data[i] = (byte) patch[i % 4];
        InMemoryByteSource src = InMemoryByteSource.of(16, data);
        try (AunnModel m = new AunnModel(Fixtures.small()); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 5), 300);
            float[] before = m.exportParameters().get("head.weight");
            InverseQuery.Options o = new InverseQuery.Options(12, 32, 150, 0.1, 9);
            double[] oneHot = new double[256];
            oneHot[200] = 1;
            List<InverseQuery.Hit> hits = InverseQuery.distribution(m, oneHot, 0, o);
            long best = hits.get(0).index();
            assertTrue(best >= 1024 && best < 1088, "byte 200 found at " + best + " (" + hits.get(0).bits() + " bits)");
            List<InverseQuery.Hit> p = InverseQuery.patch(m, patch, 0, o);
            long start = p.get(0).index();
            assertTrue(start >= 2048 && start < 2112 && start % 4 == 0, "patch found at " + start + " (" + p.get(0).bits() + " bits)");
            assertTrue(p.get(0).bits() < 1.0, "the patch is likely there: " + p.get(0).bits());
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(m.exportParameters().get("head.weight")), "the model is untouched");
        }
    }

    @Test
    void nearestSnapsOntoSortedIndicesAndGrayEncodingIsRefused() {
        long[] sorted = {3, 10, 20};
        assertEquals(3, InverseQuery.nearest(sorted, 0));
        assertEquals(10, InverseQuery.nearest(sorted, 14));
        assertEquals(20, InverseQuery.nearest(sorted, 16));
        assertEquals(20, InverseQuery.nearest(sorted, 99));
        try (AunnModel m = new AunnModel(Fixtures.small().withEncoding(EncodingSpec.gray(java.util.List.of(16))))) {
            assertThrows(IllegalArgumentException.class, () -> InverseQuery.distribution(m, new double[256], 0, new InverseQuery.Options(8, 1, 1, 0.1, 1)));
        }
    }
}
