package org.scrollwork.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.RecordingFileSystem;
import org.scrollwork.io.TypedFailures;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/**
 * Grey PNGs (8-bit with a tEXt chunk, 16-bit) and a grey JPEG written by Pillow, damaged: bits flipped or bytes
 * overwritten anywhere (the signature, IHDR, tEXt, IDAT, the CRCs; the JPEG's markers and scan), a cut at any byte,
 * IHDR's or the frame header's fields set to absurd values (2^31 - 1 x 2^31 - 1 pixels, 30000 x 30000 in a file of a
 * few hundred bytes, width 0, an unknown bit depth or colour type; a PNG chunk claiming 1 GiB). Checker, parser and
 * reader give a clean read or a {@link FormatException} in one line naming the file, never another exception, within
 * {@link Allocations#FUZZ_BUDGET_BYTES} of allocation and {@link #HANG_GUARD}, opening no other file. A PNG has a CRC
 * over every chunk, so a PNG read without error has the original pixels; a cut PNG or an absurd header always fails.
 */
@Tag("python")
@AddLifecycleHook(GreyImageFuzzPropertiesTest.NeedsPython.class)
class GreyImageFuzzPropertiesTest {
    /** Skips the properties, with the reason, where Python, NumPy or Pillow is not installed. */
    static final class NeedsPython implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return PythonReference.missing("numpy", "PIL").map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final List<String> PNGS = List.of("g8.png", "g16.png");

    private static Path dir;
    /** Each original as this reader reads it (checked against Pillow's values). */
    private static final java.util.Map<String, Volume<?>> ORIGINALS = new java.util.HashMap<>();

    @BeforeContainer
    static void writeOriginals() throws IOException {
        dir = Files.createTempDirectory("image-fuzz");
        List<String> values = PythonReference.run(dir, String.join("\n",
                "from PIL import Image, PngImagePlugin",
                "import numpy as np",
                "y, x = np.mgrid[0:17, 0:23]",
                "info = PngImagePlugin.PngInfo()",
                "info.add_text('Comment', 'written by Pillow for the fuzz test')",
                "Image.fromarray(((x * 11 + y * 7) % 256).astype(np.uint8), 'L').save('g8.png', pnginfo=info)",
                "y, x = np.mgrid[0:13, 0:19]",
                "Image.fromarray(((x * 3001 + y * 977) % 65536).astype(np.uint16)).save('g16.png')",
                "y, x = np.mgrid[0:16, 0:24]",
                "Image.fromarray((x * 9 + y * 4).astype(np.uint8), 'L').save('g.jpg', quality=90)",
                "for n in ('g8.png', 'g16.png', 'g.jpg'):",
                "    a = np.asarray(Image.open(n)).astype(np.int64)",
                "    print(n, a.shape[1], a.shape[0], ' '.join(str(v) for v in a.ravel()))",
                "")).lines().toList();
        for (String line : values) {
            String[] parts = line.split(" ");
            String name = parts[0];
            Volume<?> v = format(name).createReader().read(dir.resolve(name));
            assertEquals(List.of(Long.parseLong(parts[1]), Long.parseLong(parts[2]), 1L), List.of(v.shape()[0], v.shape()[1], v.shape()[2]), name);
            long worst = 0;
            for (int i = 3; i < parts.length; i++) {
                int p = i - 3;
                double got = Volumes.get(cast(v), p % v.shape()[0], p / v.shape()[0], 0);
                worst = Math.max(worst, Math.abs(Long.parseLong(parts[i]) - (long) got));
            }
            // libjpeg (Pillow) and the JDK's decoder may round the inverse DCT differently by a grey level or two
            assertTrue(worst <= (name.endsWith(".jpg") ? 2 : 0), name + " reads as Pillow does, but for " + worst);
            ORIGINALS.put(name, v);
        }
        assertEquals(DataType.UINT16, ORIGINALS.get("g16.png").dataType());
    }

    @AfterContainer
    static void removeFiles() throws IOException { if (dir != null) AtomicFiles.deleteTree(dir); }

    private static Format format(String name) { return name.endsWith(".png") ? new PngFormat() : new JpegFormat(); }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.RealType> cast(Volume<?> v) {
        return (net.imglib2.RandomAccessibleInterval) v.image();
    }

    @Provide
    Arbitrary<Integer> pngs() { return Arbitraries.integers().between(0, PNGS.size() - 1); }

    /**
     * Reads {@code bytes} written as a copy of {@code name}; asserts a clean read (equal to the original when
     * {@code mustBeOriginal}) or a typed one-line error naming the copy (required when {@code mustFail}).
     */
    private static void read(String name, byte[] bytes, String what, boolean mustFail, boolean mustBeOriginal) throws IOException {
        Path file = dir.resolve("damaged-" + name);
        Files.write(file, bytes);
        RecordingFileSystem fs = new RecordingFileSystem();
        Path p = fs.wrap(file);
        Format format = format(name);
        Volume<?>[] read = new Volume<?>[1];
        RuntimeException thrown = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, what, () -> {
                    format.createChecker().isFormat(p);
                    long[] s = format.createParser().parse(p).level(0).shape();
                    Volume<?> v = format.createReader().read(p);
                    assertTrue(Arrays.equals(s, v.shape()), () -> what + ": parser and reader disagree on the shape");
                    Volumes.sum(cast(v));
                    read[0] = v;
                });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, () -> what + " hangs");
        fs.assertOpenedOnlyInside(file, what);
        if (thrown == null) {
            assertFalse(mustFail, () -> what + ": read without error");
            if (mustBeOriginal) {
                Volume<?> o = ORIGINALS.get(name);
                assertTrue(Arrays.equals(o.shape(), read[0].shape()) && o.dataType() == read[0].dataType()
                        && Volumes.maxAbsDifference(cast(o), cast(read[0])) == 0, () -> what + ": read without error, but not the image Pillow wrote");
            }
            return;
        }
        try {
            TypedFailures.assertTypedOneLineNaming(thrown, p);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), thrown);
        }
    }

    /** Offsets of a PNG's chunks (their length field). */
    private static List<Integer> chunks(byte[] b) {
        List<Integer> at = new ArrayList<>();
        for (int pos = 8; pos + 12 <= b.length; pos += 12 + ByteBuffer.wrap(b, pos, 4).getInt()) at.add(pos);
        return at;
    }

    private static String type(byte[] b, int chunk) { return new String(b, chunk + 4, 4, java.nio.charset.StandardCharsets.US_ASCII); }

    @Property(tries = 300)
    void aDamagedPngFailsInOneTypedLineOrReadsAsWritten(@ForAll("pngs") int index, @ForAll long seed) throws IOException {
        String name = PNGS.get(index);
        Random r = new Random(seed);
        byte[] b = Files.readAllBytes(dir.resolve(name));
        // anywhere, or inside one chunk: its length, type, data or CRC
        int from = 0;
        int to = b.length;
        String where = "anywhere";
        if (r.nextBoolean()) {
            List<Integer> cs = chunks(b);
            int c = cs.get(r.nextInt(cs.size()));
            int len = ByteBuffer.wrap(b, c, 4).getInt();
            switch (r.nextInt(3)) {
                case 0: from = c; to = c + 8; where = type(b, c) + " length/type"; break;
                case 1: from = c + 8 + len; to = from + 4; where = type(b, c) + " CRC"; break;
                default: if (len == 0) return; from = c + 8; to = from + len; where = type(b, c) + " data"; break;
            }
        }
        StringBuilder what = new StringBuilder(name + " damaged " + where + ":");
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int at = from + r.nextInt(to - from);
            int mode = r.nextInt(3);
            what.append(mode == 0 ? " flip@" : " set@").append(at);
            switch (mode) {
                case 0: b[at] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: b[at] = (byte) r.nextInt(); break;
                default: b[at] = (byte) (r.nextBoolean() ? 0xff : 0); break;
            }
        }
        read(name, b, what.toString(), false, true);
    }

    @Property(tries = 150)
    void aCutPngAlwaysFailsInOneTypedLine(@ForAll("pngs") int index, @ForAll long seed) throws IOException {
        String name = PNGS.get(index);
        byte[] b = Files.readAllBytes(dir.resolve(name));
        int at = new Random(seed).nextInt(b.length);
        read(name, Arrays.copyOf(b, at), name + " cut at byte " + at + " of " + b.length, true, false);
    }

    private static final long[] ABSURD_SIDES = {0, 1L << 31, 0xffffffffL, Integer.MAX_VALUE, 65535, 30000, 20000, 16384};

    @Property(tries = 150)
    void anAbsurdPngHeaderIsRefusedInOneTypedLine(@ForAll("pngs") int index, @ForAll long seed) throws IOException {
        String name = PNGS.get(index);
        Random r = new Random(seed);
        byte[] b = Files.readAllBytes(dir.resolve(name));
        ByteBuffer ihdr = ByteBuffer.wrap(b, 16, 13).slice();
        String what;
        switch (r.nextInt(6)) {
            case 0: { // width, height or both absurd
                int which = Math.min(r.nextInt(4), 2); // width, height, both (twice as often)
                long side = ABSURD_SIDES[r.nextInt(ABSURD_SIDES.length)];
                if (which != 1) ihdr.putInt(0, (int) side);
                if (which != 0) ihdr.putInt(4, (int) side);
                what = "IHDR " + (which == 0 ? "width " : which == 1 ? "height " : "width and height ") + side;
                break;
            }
            case 1: { // a bit depth no colour type has
                int depth = new int[] {0, 3, 5, 7, 32, 255}[r.nextInt(6)];
                ihdr.put(8, (byte) depth);
                what = "IHDR bit depth " + depth;
                break;
            }
            case 2: { // an unknown colour type
                int type = new int[] {1, 5, 7, 8, 255}[r.nextInt(5)];
                ihdr.put(9, (byte) type);
                what = "IHDR colour type " + type;
                break;
            }
            case 3: { // unknown compression, filter or interlace method
                int field = 10 + r.nextInt(3);
                int v = field == 12 ? 2 + r.nextInt(254) : 1 + r.nextInt(255);
                ihdr.put(field, (byte) v);
                what = "IHDR " + new String[] {"compression", "filter", "interlace"}[field - 10] + " method " + v;
                break;
            }
            case 4: { // IHDR's own length absurd
                int len = new int[] {0, 12, 14, Integer.MAX_VALUE, -1}[r.nextInt(5)];
                ByteBuffer.wrap(b).putInt(8, len);
                what = "IHDR length " + Integer.toUnsignedString(len);
                read(name, b, name + ": " + what, true, false);
                return;
            }
            default: { // another chunk's length absurd (the length is outside its CRC)
                List<Integer> cs = chunks(b);
                int c = cs.get(1 + r.nextInt(cs.size() - 1));
                int len = new int[] {0x40000000, Integer.MAX_VALUE, -1, 0x80000000, b.length}[r.nextInt(5)];
                what = type(b, c) + " length " + Integer.toUnsignedString(len);
                ByteBuffer.wrap(b).putInt(c, len);
                read(name, b, name + ": " + what, true, false);
                return;
            }
        }
        CRC32 crc = new CRC32(); // a valid CRC: the header must be refused for what it says
        crc.update(b, 12, 17);
        ByteBuffer.wrap(b).putInt(29, (int) crc.getValue());
        read(name, b, name + ": " + what + " (CRC valid)", true, false);
    }

    @Property(tries = 200)
    void aDamagedOrCutJpegFailsInOneTypedLineOrReads(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        byte[] b = Files.readAllBytes(dir.resolve("g.jpg"));
        int sof = sof(b);
        String what;
        boolean mustFail = false;
        switch (r.nextInt(4)) {
            case 0: {
                int at = r.nextInt(b.length);
                what = "g.jpg cut at byte " + at + " of " + b.length;
                b = Arrays.copyOf(b, at);
                break;
            }
            case 1: { // the frame header's height and width absurd
                int h = new int[] {0, 65535, 30000, 20000}[r.nextInt(4)];
                int w = new int[] {0, 65535, 30000, 20000}[r.nextInt(4)];
                ByteBuffer.wrap(b).putShort(sof + 5, (short) h).putShort(sof + 7, (short) w);
                what = "g.jpg frame header " + w + " x " + h;
                mustFail = true;
                break;
            }
            default: {
                StringBuilder s = new StringBuilder("g.jpg damaged:");
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int at = r.nextInt(b.length);
                    s.append(" @").append(at);
                    b[at] = r.nextBoolean() ? (byte) (b[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt();
                }
                what = s.toString();
                break;
            }
        }
        read("g.jpg", b, what, mustFail, false);
    }

    /** Offset of the baseline frame header (marker FF C0) Pillow writes. */
    private static int sof(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xc0) return i;
        }
        throw new AssertionError("no SOF0 marker");
    }
}
