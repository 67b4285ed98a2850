package org.scrollwork.aunn.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 32^3 = 32768-byte structured uint8 volume, Gray-coded [z|y|x] index, learned to under 1 bit/byte. */
@Tag("slow")
class VolumeLearningSlowTest {

    @Test
    void learnsA32CubedVolumeWithGrayEncodingAndEverySchedule() {
        byte[] data = Fixtures.structuredVolume(32);
        InMemoryByteSource src = InMemoryByteSource.of(15, data);
        AunnConfig c = new AunnConfig(15, 128, 3, 0, 0, 10.0, 0.0, 0.0, 3e-3, 50, 2500, 1024, 1.0, 3L, EncodingSpec.gray(List.of(5, 5, 5)));
        List<IndexSchedule> schedules = List.of(new UniformRandom(1024, 1), new PackedWindows(16, 64, 1),
                new Annealed(1024, 2500, 1), new Persistent(new UniformRandom(1024, 1), 2), new LossPrioritized(1024, 0.25, 8192, 1));
        for (IndexSchedule s : schedules) {
            try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
                long t0 = System.nanoTime();
                t.train(src, s, 2500);
                double bpb = Evaluator.bitsPerByte(m, src, Role.TRAIN, 4096);
                System.out.printf("32^3 volume, %s: %.3f bits/byte after 2500 steps (%.0f s)%n", s.getClass().getSimpleName(), bpb, (System.nanoTime() - t0) / 1e9);
                if (s instanceof UniformRandom) assertTrue(bpb < 1.0, "uniform random schedule: " + bpb);
            }
        }
    }
}
