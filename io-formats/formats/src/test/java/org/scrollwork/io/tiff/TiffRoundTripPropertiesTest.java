package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/** Random shapes, types, codecs, byte orders and strip sizes round-trip exactly, bit for bit. */
class TiffRoundTripPropertiesTest {

    @Property(tries = 150)
    void writeThenReadIsIdentity(@ForAll @IntRange(min = 1, max = 40) int x, @ForAll @IntRange(min = 1, max = 40) int y,
                                 @ForAll @IntRange(min = 1, max = 40) int z, @ForAll DataType type, @ForAll("codecs") Compression codec,
                                 @ForAll boolean bigEndian, @ForAll @IntRange(min = 0, max = 41) int rowsPerStrip,
                                 @ForAll boolean bigTiff, @ForAll boolean slices, @ForAll long seed) throws IOException {
        Volume<?> v = TiffTestSupport.randomVolume(type, new long[] {x, y, z}, new VoxelSize(0.5, 0.75, 2.25), new Random(seed));
        WriteOptions o = WriteOptions.DEFAULTS.withCompression(codec)
                .withByteOrder(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).withChunkShape(x, rowsPerStrip, 1);
        long threshold = bigTiff ? 0 : TiffFormat.BIGTIFF_THRESHOLD;
        Format.Writer writer = slices ? new TiffSlicesFormat.Writer(threshold) : new TiffFormat.Writer(threshold);
        Format.Reader reader = slices ? new TiffSlicesFormat.Reader() : new TiffFormat.Reader();
        Path dir = Files.createTempDirectory("tiff-prop");
        try {
            Path p = dir.resolve(slices ? "vol" : "vol.tif");
            writer.write(p, List.of(v), o);
            Volume<?> back = reader.read(p);
            assertEquals(type, back.dataType());
            assertArrayEquals(v.shape(), back.shape());
            assertEquals(TiffTestSupport.sha256(v), TiffTestSupport.sha256(back));
            VoxelSize vs = back.meta().voxelSizeUm().orElseThrow();
            assertEquals(0.5, vs.xUm(), 1e-12);
            assertEquals(0.75, vs.yUm(), 1e-12);
            assertEquals(2.25, vs.zUm(), 1e-12);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    @Property(tries = 60)
    void lzwDecodesWhatItEncodes(@ForAll @IntRange(min = 0, max = 200_000) int length, @ForAll @IntRange(min = 1, max = 256) int alphabet,
                                 @ForAll long seed) throws DataFormatException {
        Random r = new Random(seed);
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(alphabet) : (i > 0 ? data[i - 1] : 0));
        byte[] enc = LzwCodec.encode(data, length);
        byte[] dec = new byte[length];
        assertEquals(length, LzwCodec.decode(enc, 0, enc.length, dec, length));
        assertArrayEquals(data, dec);
    }

    @Provide
    Arbitrary<Compression> codecs() {
        return Arbitraries.of(Compression.NONE, Compression.LZW, Compression.DEFLATE);
    }
}
