package org.scrollwork.io.vesuvius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/** Segment discovery and its PNG parts, with PNGs written by PIL and a fake surface-volume reader. */
@Tag("python")
class SegmentTest {
    @TempDir Path dir;

    private Path segment(int inkWidth) throws IOException {
        PythonReference.assumeAvailable("numpy", "PIL");
        Path seg = Files.createDirectories(dir.resolve("20230522181603"));
        Files.createDirectories(seg.resolve("layers"));
        PythonReference.run(seg, String.join("\n",
                "from PIL import Image",
                "import numpy as np",
                "ink = np.zeros((6, " + inkWidth + "), np.uint8); ink[2, 3] = 255; ink[5, 0] = 255",
                "Image.fromarray(ink, 'L').save('20230522181603_inklabels.png')",
                "mask = np.zeros((6, 8), bool); mask[1:4, 2:7] = True",
                "Image.fromarray(mask).convert('1').save('20230522181603_mask.png')",
                ""));
        return seg;
    }

    private static Volume<?> fakeSurface(Path layers) {
        return Volumes.zeros(new long[] {8, 6, 65}, ScanMetadata.of(DataType.UINT16).withProvenance("source", layers.toString()));
    }

    @Test
    void readsInkLabelsAndMaskAlignedWithTheSurface() throws IOException {
        Segment s = Segment.read(segment(8), SegmentTest::fakeSurface);
        assertEquals("20230522181603", s.id());
        assertEquals(65, s.surface().shape()[2]);
        Volume<?> ink = s.inkLabels().orElseThrow();
        assertEquals(DataType.UINT8, ink.dataType());
        assertEquals(1, ink.shape()[2]);
        assertEquals(255.0, Volumes.get(cast(ink), 3, 2, 0));
        assertEquals(255.0, Volumes.get(cast(ink), 0, 5, 0));
        assertEquals(510.0, Volumes.sum(cast(ink)));
        Volume<?> mask = s.mask().orElseThrow();
        assertEquals(1.0, Volumes.get(cast(mask), 2, 1, 0), "1-bit PNG keeps 0/1");
        assertEquals(15.0, Volumes.sum(cast(mask)));
    }

    @Test
    void mismatchedSizesAndMissingLayersAreNamed() throws IOException {
        Path seg = segment(9);
        FormatException e = assertThrows(FormatException.class, () -> Segment.read(seg, SegmentTest::fakeSurface));
        assertTrue(e.getMessage().contains("_inklabels.png") && e.getMessage().contains("layers"), e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThrows(FormatException.class, () -> Segment.read(empty, SegmentTest::fakeSurface));
    }

    @Test
    void aPartLinkedOutsideTheSegmentIsNotOpened() throws IOException {
        Path seg = segment(8);
        Path outside = dir.resolve("elsewhere.png");
        Files.move(seg.resolve("20230522181603_mask.png"), outside); // a valid mask: following the link would read it
        Files.createSymbolicLink(seg.resolve("20230522181603_mask.png"), outside);
        FormatException e = assertThrows(FormatException.class, () -> Segment.read(seg, SegmentTest::fakeSurface));
        assertEquals(seg.resolve("20230522181603_mask.png"), e.path());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.integer.UnsignedByteType> cast(Volume<?> v) {
        return (net.imglib2.RandomAccessibleInterval) v.image();
    }
}
