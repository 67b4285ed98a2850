package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.imglib2.img.cell.CellImg;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;

/** The storage-array fast paths give exactly what ChunkedVolumes.readSlice gives, and the oracle. */
class SliceReaderTest {
    private static void sameAsReadSlice(Volume<?> v) {
        assertNotNull(SliceReader.fastSlice(v, 0), "fast path taken");
        for (long z = 0; z < v.shape()[2]; z++) {
            Object fast = SliceReader.slice(v, z);
            Object slow = SliceReader.readSlice(v, z);
            switch (v.dataType()) {
                case UINT8: assertArrayEquals((byte[]) slow, (byte[]) fast); break;
                case UINT16: assertArrayEquals((short[]) slow, (short[]) fast); break;
                case UINT32: assertArrayEquals((int[]) slow, (int[]) fast); break;
                default: throw new AssertionError();
            }
        }
    }

    @Test
    void arrayImgSlices() {
        sameAsReadSlice(Oracles.volume(DataType.UINT16, 7, 5, 4, 1));
        sameAsReadSlice(Oracles.volume(DataType.UINT8, 3, 9, 2, 2));
        sameAsReadSlice(Oracles.volume(DataType.UINT32, 4, 3, 3, 3));
    }

    @Test
    void lazyCellSlicesWithEdgeCells() {
        sameAsReadSlice(ChunkedVolumes.lazy(new long[] {13, 11, 7}, new int[] {4, 5, 3}, ScanMetadata.of(DataType.UINT16), (g, min, size) -> {
            short[] a = new short[size[0] * size[1] * size[2]];
            int i = 0;
            for (int z = 0; z < size[2]; z++) for (int y = 0; y < size[1]; y++) for (int x = 0; x < size[0]; x++) {
                a[i++] = (short) Oracles.value(DataType.UINT16, min[0] + x, min[1] + y, min[2] + z, 9);
            }
            return a;
        }));
    }

    @Test
    void cellImgAndViewSlices() {
        CellImg<UnsignedShortType, ?> img = new CellImgFactory<>(new UnsignedShortType(), 4, 3, 2).create(9, 7, 5);
        long[] p = new long[3];
        var c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.localize(p);
            c.get().set((int) Oracles.value(DataType.UINT16, p[0], p[1], p[2], 4));
        }
        sameAsReadSlice(new Volume<>(img, ScanMetadata.of(DataType.UINT16)));
        Volume<?> view = new Volume<>(Views.interval(img, new long[] {1, 1, 1}, new long[] {7, 5, 3}), ScanMetadata.of(DataType.UINT16));
        assertNull(SliceReader.fastSlice(view, 0), "a view goes voxel by voxel");
        short[] s = (short[]) SliceReader.slice(view, 1);
        assertEquals(7 * 5, s.length);
        assertEquals((short) Oracles.value(DataType.UINT16, 1 + 3, 1 + 2, 1 + 1, 4), s[2 * 7 + 3]);
    }
}
