package org.scrollwork.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/** PNG and JPEG files written by PIL (Debian python3-pil) read as one-slice volumes, voxel for voxel against NumPy's values. */
@Tag("python")
class GreyImageReadTest {
    @TempDir Path dir;

    /** Writes images with PIL and prints, per image, the samples PIL decodes back (one line of integers, row-major). */
    private List<String> writeWithPil(String... lines) {
        PythonReference.assumeAvailable("numpy", "PIL");
        String script = String.join("\n", "from PIL import Image", "import numpy as np",
                "def show(name):",
                "    a = np.asarray(Image.open(name)).astype(np.int64)",
                "    print(' '.join(str(v) for v in a.ravel()))",
                String.join("\n", lines), "");
        return PythonReference.run(dir, script).lines().toList();
    }

    private static long[] voxels(Volume<?> v) {
        long[] s = v.shape();
        long[] out = new long[(int) (s[0] * s[1])];
        for (int y = 0; y < s[1]; y++) {
            for (int x = 0; x < s[0]; x++) out[(int) (y * s[0] + x)] = (long) Volumes.get(cast(v), x, y, 0);
        }
        return out;
    }

    private static long[] parse(String line) { return Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray(); }

    @Test
    void sixteenBitAndEightBitGreyPngsReadVoxelForVoxel() {
        List<String> ref = writeWithPil(
                "a = (np.arange(7 * 5, dtype=np.uint32).reshape(5, 7) * 1871 + 3) % 65536",
                "Image.fromarray(a.astype(np.uint16)).save('deep.png')",
                "show('deep.png')",
                "b = (np.arange(7 * 5).reshape(5, 7) * 37 % 256).astype(np.uint8)",
                "Image.fromarray(b, 'L').save('grey.png')",
                "show('grey.png')");
        Volume<?> deep = Formats.read(dir.resolve("deep.png"), 0);
        assertEquals("png", Formats.detect(dir.resolve("deep.png")).name());
        assertEquals(DataType.UINT16, deep.dataType());
        assertEquals(List.of(7L, 5L, 1L), List.of(deep.shape()[0], deep.shape()[1], deep.shape()[2]));
        long[] want = parse(ref.get(0));
        assertTrue(Arrays.stream(want).anyMatch(v -> v > 32767), "the fixture uses the upper half of uint16");
        assertTrue(Arrays.equals(want, voxels(deep)), "16-bit PNG voxels");
        Volume<?> grey = Formats.read(dir.resolve("grey.png"), 0);
        assertEquals(DataType.UINT8, grey.dataType());
        assertTrue(Arrays.equals(parse(ref.get(1)), voxels(grey)), "8-bit PNG voxels");
        DatasetInfo info = Formats.info(dir.resolve("deep.png"));
        assertEquals("png", info.format());
        assertEquals(DataType.UINT16, info.level(0).meta().dataType());
    }

    @Test
    void greyJpegReadsAsPilDecodesIt() {
        List<String> ref = writeWithPil(
                "y, x = np.mgrid[0:16, 0:24]",
                "Image.fromarray((x * 9 + y * 4).astype(np.uint8), 'L').save('slice.jpg', quality=95)",
                "show('slice.jpg')");
        Path jpg = dir.resolve("slice.jpg");
        assertEquals("jpeg", Formats.detect(jpg).name());
        Volume<?> v = Formats.read(jpg, 0);
        assertEquals(DataType.UINT8, v.dataType());
        assertEquals(List.of(24L, 16L, 1L), List.of(v.shape()[0], v.shape()[1], v.shape()[2]));
        long[] want = parse(ref.get(0));
        long[] got = voxels(v);
        long worst = 0;
        for (int i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
        // libjpeg (PIL) and the JDK's decoder may round the inverse DCT differently by a grey level or two
        assertTrue(worst <= 2, "largest difference from PIL's decoding: " + worst);
    }

    @Test
    void truncatedAndCorruptImagesGiveTypedErrorsNamingTheFile() throws IOException {
        writeWithPil(
                "y, x = np.mgrid[0:64, 0:64]",
                "img = ((x * 7 + y * 13) % 251).astype(np.uint8)",
                "Image.fromarray(img, 'L').save('cut.png')",
                "Image.fromarray(img, 'L').save('cut.jpg', quality=90)",
                "Image.fromarray(img, 'L').save('flipped.png')",
                "Image.fromarray(np.zeros((4, 4, 3), np.uint8), 'RGB').save('colour.png')");
        for (String name : List.of("cut.png", "cut.jpg")) {
            Path f = dir.resolve(name);
            byte[] full = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(full, full.length / 2));
            FormatException e = assertThrows(FormatException.class, () -> Volumes.sum(cast(Formats.read(f, 0))), name);
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        Path flipped = dir.resolve("flipped.png");
        byte[] b = Files.readAllBytes(flipped);
        for (int i = 60; i < b.length - 20; i += 7) b[i] ^= 0x5a; // scramble the compressed image data
        Files.write(flipped, b);
        FormatException e = assertThrows(FormatException.class, () -> Formats.read(flipped, 0));
        assertTrue(e.getMessage().contains("flipped.png"), e.getMessage());
        FormatException colour = assertThrows(FormatException.class, () -> Formats.read(dir.resolve("colour.png"), 0));
        assertTrue(colour.getMessage().contains("colour.png") && colour.getMessage().contains("3 channels"), colour.getMessage());
        Volume<?> slice = Volumes.zeros(new long[] {4, 4, 1}, org.scrollwork.io.ScanMetadata.of(DataType.UINT8));
        assertThrows(UnsupportedFormatException.class, () -> Formats.forOutput(dir.resolve("out.jpg")).createWriter().write(dir.resolve("out.jpg"), slice));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.RealType> cast(Volume<?> v) {
        return (net.imglib2.RandomAccessibleInterval) v.image();
    }
}
