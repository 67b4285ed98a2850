package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.testing.PythonReference;

/** A slice folder whose slices lead outside it, or are not TIFF at all: refused by name, nothing echoed. */
class TiffSlicesHostileFolderTest {
    @TempDir Path dir;
    private final TiffSlicesFormat format = new TiffSlicesFormat();

    private Path folder() {
        Path p = dir.resolve("slices");
        Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT8, new long[] {5, 4, 3}, new VoxelSize(1, 1, 1), new Random(3));
        format.createWriter().write(p, List.of(v), WriteOptions.DEFAULTS);
        return p;
    }

    @Test
    void aSliceLinkedOutsideTheFolderIsNotOpened() throws IOException {
        Path p = folder();
        // a valid slice moved outside: following the link would read it without complaint
        Path outside = dir.resolve("outside.tif");
        Files.move(p.resolve("00001.tif"), outside);
        Files.createSymbolicLink(p.resolve("00001.tif"), outside);
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertEquals(p.resolve("00001.tif"), e.path());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(FormatException.class, () -> Volumes.sum(format.createReader().read(p).image()));
    }

    @Test
    void theFirstSliceLinkedOutsideStillDetectsAsASliceFolderAndIsRefused() throws IOException {
        Path p = folder();
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
        Files.delete(p.resolve("00000.tif"));
        Files.createSymbolicLink(p.resolve("00000.tif"), passwd);
        assertEquals("tiff-slices", Formats.detect(p).name());
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertEquals(p.resolve("00000.tif"), e.path());
        assertFalse(e.getMessage().contains("72 6f") || e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void aNonTiffSliceInsideTheFolderIsNamedWithoutItsBytes() throws IOException {
        Path p = folder();
        Files.writeString(p.resolve("00002.tif"), "root:x:0:0:root:/root:/bin/bash\n");
        FormatException e = assertThrows(FormatException.class, () -> Volumes.sum(format.createReader().read(p).image()));
        assertEquals(p.resolve("00002.tif"), e.path());
        assertTrue(e.getMessage().contains("not a TIFF file"), e.getMessage());
        assertFalse(e.getMessage().contains("72 6f") || e.getMessage().contains("root"), e.getMessage());
    }

    @Tag("python")
    @Test
    void infoChecksEverySlicesHeaderAndNamesTheOneThatDiffers() {
        PythonReference.assumeAvailable("numpy", "tifffile");
        Path p = dir.resolve("tifffile-slices");
        PythonReference.run(dir, String.join("\n",
                "import os, numpy as np, tifffile",
                "os.makedirs('tifffile-slices')",
                "for z in range(4):",
                "    tifffile.imwrite('tifffile-slices/%05d.tif' % z, np.zeros((4, 5), dtype=np.uint16))",
                "tifffile.imwrite('tifffile-slices/00003.tif', np.zeros((4, 6), dtype=np.uint16))",
                "os.makedirs('typed')",
                "for z in range(3):",
                "    tifffile.imwrite('typed/%05d.tif' % z, np.zeros((4, 5), dtype=np.uint8 if z == 2 else np.uint16))",
                ""));
        FormatException e = assertThrows(FormatException.class, () -> Formats.info(p));
        assertEquals(p.resolve("00003.tif"), e.path());
        assertEquals(p.resolve("00003.tif") + ": slice is 6 x 4 uint16 but 00000.tif is 5 x 4 uint16", e.getMessage());
        FormatException t = assertThrows(FormatException.class, () -> Formats.info(dir.resolve("typed")));
        assertTrue(t.getMessage().startsWith(dir.resolve("typed/00002.tif") + ": slice is 5 x 4 uint8 but"), t.getMessage());
    }
}
