package org.scrollwork.aunn.train;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {

    /** A source with TRAIN, HELD_OUT, UNKNOWN and padding mixed by a seed, starting at a non-zero index. */
    private static InMemoryByteSource mixed(long seed, int n) {
        org.scrollwork.aunn.model.SplitMix64 r = new org.scrollwork.aunn.model.SplitMix64(seed);
        byte[] data = new byte[n];
        Role[] roles = new Role[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
            long k = r.nextLong(5);
            roles[i] = k == 0 ? null : k == 1 ? Role.HELD_OUT : k == 2 ? Role.UNKNOWN : Role.TRAIN;
        }
        roles[n / 2] = Role.TRAIN;
        return new InMemoryByteSource(20, 1000, data, roles);
    }

    private static List<IndexSchedule> schedules(long seed) {
        return List.of(new UniformRandom(17, seed), new ShuffledEpochs(17, seed), new PackedWindows(3, 9, seed), new Serial(5), new Serial(1),
                new Annealed(16, 10, seed), new Persistent(new UniformRandom(8, seed), 3), new LossPrioritized(16, 0.5, 40, seed));
    }

    @Property(tries = 60)
    void everyScheduleDrawsOnlyTrainIndices(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
        InMemoryByteSource src = mixed(seed, n);
        java.util.Set<Long> train = new java.util.HashSet<>();
        for (long k = 0; k < src.count(Role.TRAIN); k++) train.add(src.index(Role.TRAIN, k));
        for (IndexSchedule s : schedules(seed)) {
            for (long step = 0; step < 12; step++) {
                long[] batch = s.next(src, step);
                float[] losses = new float[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    assertTrue(train.contains(batch[i]), s + " drew non-TRAIN index " + batch[i]);
                    losses[i] = (batch[i] % 7) + 0.5f;
                }
                s.observe(batch, losses);
            }
        }
    }

    @Property(tries = 20)
    void schedulesAreReproducible(@ForAll long seed) {
        InMemoryByteSource src = mixed(seed, 200);
        List<IndexSchedule> a = schedules(seed);
        List<IndexSchedule> b = schedules(seed);
        for (int i = 0; i < a.size(); i++) {
            for (long step = 0; step < 5; step++) {
                long[] x = a.get(i).next(src, step);
                assertArrayEquals(x, b.get(i).next(src, step));
                float[] l = new float[x.length];
                java.util.Arrays.fill(l, 1f);
                a.get(i).observe(x, l);
                b.get(i).observe(x, l);
            }
        }
    }

    @net.jqwik.api.Example
    void serialWalksTrainRanksInOrderAndWraps() {
        InMemoryByteSource src = InMemoryByteSource.of(8, new byte[10]);
        Serial s = new Serial(4);
        assertArrayEquals(new long[] {0, 1, 2, 3}, s.next(src, 0));
        assertArrayEquals(new long[] {4, 5, 6, 7}, s.next(src, 1));
        assertArrayEquals(new long[] {8, 9, 0, 1}, s.next(src, 2));
    }

    @net.jqwik.api.Example
    void annealedMovesFromRandomToSerial() {
        Annealed a = new Annealed(10, 11, 1);
        assertEquals(0, a.serialCount(0));
        assertEquals(5, a.serialCount(5));
        assertEquals(10, a.serialCount(10));
        assertEquals(10, a.serialCount(50));
    }

    @net.jqwik.api.Example
    void persistentRepeatsEachBatch() {
        InMemoryByteSource src = InMemoryByteSource.of(12, new byte[1000]);
        Persistent p = new Persistent(new UniformRandom(6, 3), 3);
        assertArrayEquals(p.next(src, 3), p.next(src, 5));
        assertTrue(!java.util.Arrays.equals(p.next(src, 2), p.next(src, 3)));
    }

    @net.jqwik.api.Example
    void lossPrioritizedFavoursHardExamples() {
        InMemoryByteSource src = InMemoryByteSource.of(12, new byte[1000]);
        LossPrioritized lp = new LossPrioritized(100, 1.0, 10, 2);
        long[] seen = new long[10];
        float[] loss = new float[10];
        for (int i = 0; i < 10; i++) {
            seen[i] = i;
            loss[i] = i == 7 ? 90f : 1f;
        }
        lp.observe(seen, loss);
        int hard = 0;
        for (long x : lp.next(src, 0)) if (x == 7) hard++;
        assertTrue(hard > 80, "index with 90% of the pool's loss drawn " + hard + "/100 times");
    }
}
