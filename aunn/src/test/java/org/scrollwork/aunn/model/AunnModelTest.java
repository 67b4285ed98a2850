package org.scrollwork.aunn.model;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AunnModelTest {

    @Test
    void zeroOutputHeadScoresExactlyEightBitsPerByte() {
        AunnConfig c = Fixtures.small().withHeads(0, 3);
        Map<String, float[]> values;
        try (AunnModel init = new AunnModel(c)) {
            values = init.exportParameters();
        }
        Arrays.fill(values.get("head.weight"), 0f);
        Arrays.fill(values.get("head.bias"), 0f);
        byte[] data = Fixtures.structuredVolume(8);
        InMemoryByteSource src = InMemoryByteSource.of(16, data);
        try (AunnModel m = new AunnModel(c, Devices.best(), values)) {
            assertEquals(8.0, Evaluator.bitsPerByte(m, src, Role.TRAIN, 100), 1e-6);
        }
    }

    @Test
    void parameterCountMatchesTheArchitecture() {
        AunnConfig c = Fixtures.small().withHeads(8, 4);
        long w = 64;
        long expect = (16 * w + w) + (4 + w * 4) + 2 * (2 * w + 2 * (w * w + w)) + 2 * w + (256 * w + 256) + (8 * w + 8);
        try (AunnModel m = new AunnModel(c)) {
            assertEquals(expect, m.parameterCount());
        }
    }

    @Test
    void mixedPrecisionIsRefusedOnTheCpu() {
        try (AunnModel m = new AunnModel(Fixtures.small(), ai.djl.Device.cpu(), null)) {
            assertThrows(IllegalStateException.class, () -> m.setMixedPrecision(true));
        }
    }

    @Test
    void configValidationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.small().withShape(0, 2));
        assertEquals("width must be positive: 0", e.getMessage());
    }
}
