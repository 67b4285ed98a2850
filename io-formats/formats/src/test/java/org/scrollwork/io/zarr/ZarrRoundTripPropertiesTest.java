package org.scrollwork.io.zarr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;

/** Any shape, chunk shape (dividing or not, larger than the array or not), type, codec and byte order round-trips exactly. */
class ZarrRoundTripPropertiesTest {

    @Provide
    Arbitrary<Compression> codecs() {
        return Arbitraries.of(Compression.NONE, Compression.DEFLATE, Compression.GZIP, Compression.ZSTD, Compression.BLOSC_LZ4, Compression.BLOSC_ZSTD);
    }

    @Property(tries = 60, seed = "20261123")
    void roundTripsExactly(@ForAll @IntRange(min = 1, max = 19) int sx, @ForAll @IntRange(min = 1, max = 13) int sy,
                           @ForAll @IntRange(min = 1, max = 9) int sz, @ForAll @IntRange(min = 1, max = 24) int cx,
                           @ForAll @IntRange(min = 1, max = 16) int cy, @ForAll @IntRange(min = 1, max = 12) int cz,
                           @ForAll DataType type, @ForAll("codecs") Compression codec, @ForAll boolean bigEndian,
                           @ForAll long seed) throws IOException {
        long chunks = (long) ceil(sx, cx) * ceil(sy, cy) * ceil(sz, cz);
        Assume.that(chunks <= 150); // keep each try to a few hundred files
        Volume<?> v = ZarrWriterPythonTest.randomVolume(type, new long[] {sx, sy, sz}, seed);
        Path dir = Files.createTempDirectory("zarr-prop");
        try {
            Path p = dir.resolve("p.ome.zarr");
            WriteOptions opt = WriteOptions.DEFAULTS.withCompression(codec).withChunkShape(cx, cy, cz)
                    .withByteOrder(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            new OmeZarrFormat().createWriter().write(p, List.of(v), opt);
            Volume<?> back = new OmeZarrFormat().createReader().read(p);
            if (back.dataType() != type) throw new AssertionError("type " + back.dataType() + " != " + type);
            if (Volumes.maxAbsDifference(v.image(), back.image()) != 0) throw new AssertionError("voxels differ");
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private static int ceil(int a, int b) { return (a + b - 1) / b; }
}
