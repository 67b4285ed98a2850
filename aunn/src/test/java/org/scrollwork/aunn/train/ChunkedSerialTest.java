package org.scrollwork.aunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;

class ChunkedSerialTest {
    @Test
    void eachChunkIsRepeatedThenTheWalkMovesOnInIndexOrderAndWraps() {
        Role[] roles = new Role[10];
        java.util.Arrays.fill(roles, Role.TRAIN);
        roles[2] = Role.HELD_OUT; // train ranks: 0,1,3,4,...,9 (9 indices)
        InMemoryByteSource src = new InMemoryByteSource(8, 100, new byte[10], roles);
        ChunkedSerial s = new ChunkedSerial(4, 3);
        long[][] want = {{100, 101, 103, 104}, {100, 101, 103, 104}, {100, 101, 103, 104}, {105, 106, 107, 108}, {105, 106, 107, 108},
            {105, 106, 107, 108}, {109, 100, 101, 103}};
        for (int step = 0; step < want.length; step++) assertArrayEquals(want[step], s.next(src, step), "step " + step);
    }
}
