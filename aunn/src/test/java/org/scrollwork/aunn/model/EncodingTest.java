package org.scrollwork.aunn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EncodingTest {

    @Test
    void binaryIndexFiveWithEightBits() {
        float[] v = new float[8];
        new BinaryEncoding(8).encode(5, v, 0);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, 1, -1, 1}, v);
    }

    @Test
    void binaryRejectsIndicesOutsideTheSpace() {
        BinaryEncoding e = new BinaryEncoding(8);
        assertThrows(IllegalArgumentException.class, () -> e.encode(256, new float[8], 0));
        assertThrows(IllegalArgumentException.class, () -> e.encode(-1, new float[8], 0));
    }

    @Test
    void grayCodesEachFieldSeparately() {
        // fields [2 | 3 | 3]: index = 0b10_011_100 -> gray per field: 10->11, 011->010, 100->110
        float[] v = new float[8];
        new GrayEncoding(List.of(2, 3, 3)).encode(0b10_011_100, v, 0);
        assertArrayEquals(new float[] {1, 1, -1, 1, -1, 1, 1, -1}, v);
    }

    @Test
    void grayNeighboursAlongAnAxisDifferInOneBit() {
        GrayEncoding g = new GrayEncoding(List.of(4, 5, 5, 5, 1)); // block | z | y | x | byte
        float[] a = new float[20];
        float[] b = new float[20];
        for (long x = 0; x < 31; x++) {
            long base = (3L << 16) | (7L << 11) | (9L << 6);
            g.encode(base | (x << 1), a, 0);
            g.encode(base | ((x + 1) << 1), b, 0);
            int diff = 0;
            for (int i = 0; i < 20; i++) if (a[i] != b[i]) diff++;
            assertEquals(1, diff, "x=" + x);
        }
    }

    @Test
    void batchEncodingMatchesRowByRow() {
        BinaryEncoding e = new BinaryEncoding(40);
        long[] idx = {0, 5, (1L << 40) - 1, 123_456_789_012L};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = e.encode(m, idx);
            assertEquals(new ai.djl.ndarray.types.Shape(4, 40), a.getShape());
            float[] all = a.toFloatArray();
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < 40; j++) {
                    float expect = ((idx[i] >> (39 - j)) & 1) == 1 ? 1f : -1f;
                    assertEquals(expect, all[i * 40 + j], "row " + i + " bit " + j);
                }
            }
        }
    }

    @Test
    void graySpecMustCoverTheIndex() {
        assertThrows(IllegalArgumentException.class, () -> EncodingSpec.gray(List.of(4, 4)).create(10));
        assertEquals(10, EncodingSpec.gray(List.of(4, 6)).create(10).bits());
    }
}
