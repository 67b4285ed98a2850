package org.scrollwork.aunn.sample;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class GeneratorTest {

    @Test
    void continuesAPeriodicPromptExactly() {
        int[] period = {17, 200, 3, 99};
        byte[] prompt = new byte[64];
        for (int i = 0; i < prompt.length; i++) prompt[i] = (byte) period[i % 4];
        int[] expected = new int[32];
        for (int i = 0; i < expected.length; i++) expected[i] = period[(prompt.length + i) % 4];
        try (AunnModel m = new AunnModel(Fixtures.small().withOptim(3e-3, 1, 10, 0.0)); AunnTrainer t = new AunnTrainer(m)) {
            int[] got = Generator.generate(t, prompt, 4096, 32, new Generator.Options(150, 2, 3e-3, 0.0, 256, 8, 5));
            assertArrayEquals(expected, got, java.util.Arrays.toString(got));
        }
    }
}
