package org.scrollwork.experiments.aunn.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;

class InverseMinedTest {

    @Test
    void nearestRankIsTheRankOfTheClosestTrainIndex() {
        Role[] roles = new Role[100];
        for (int i = 0; i < 100; i++) roles[i] = i % 10 == 0 ? Role.TRAIN : Role.HELD_OUT; // TRAIN at 0, 10, ..., 90
        InMemoryByteSource s = new InMemoryByteSource(8, 0, new byte[100], roles);
        assertEquals(0, InverseMined.nearestRank(s, 10, 0));
        assertEquals(1, InverseMined.nearestRank(s, 10, 14));
        assertEquals(2, InverseMined.nearestRank(s, 10, 16));
        assertEquals(9, InverseMined.nearestRank(s, 10, 99));
        assertEquals(9, InverseMined.nearestRank(s, 10, 255)); // padding beyond the data
    }

    @Test
    void batchesMixTheMinedPoolOfTrainIndicesWithUniformOnes() {
        Role[] roles = new Role[4096];
        for (int i = 0; i < roles.length; i++) roles[i] = (i / 256) % 2 == 0 ? Role.TRAIN : Role.HELD_OUT;
        InMemoryByteSource s = new InMemoryByteSource(16, 0, new byte[4096], roles);
        double[] uniform = new double[256];
        Arrays.fill(uniform, 1.0 / 256);
        try (AunnModel m = new AunnModel(Fixtures.small())) {
            InverseMined sched = new InverseMined(m, 64, 0.5, 10, 4, uniform, new InverseQuery.Options(12, 8, 5, 0.1, 1), 3);
            long[] b = sched.next(s, 0);
            assertEquals(64, b.length);
            assertEquals(1, sched.refreshes());
            Set<Long> pool = Arrays.stream(sched.pool()).boxed().collect(Collectors.toSet());
            assertTrue(pool.size() >= 4 && pool.size() <= 8 * 4, "pool of " + pool.size());
            for (long i : pool) assertTrue((i / 256) % 2 == 0 && i < 4096, "pool index " + i + " is TRAIN");
            for (int i = 0; i < 32; i++) assertTrue(pool.contains(b[i]), "the first half comes from the pool");
            for (long i : b) assertTrue((i / 256) % 2 == 0, "every index is TRAIN");
            sched.next(s, 5);
            assertEquals(1, sched.refreshes());
            sched.next(s, 10);
            assertEquals(2, sched.refreshes());
        }
    }
}
