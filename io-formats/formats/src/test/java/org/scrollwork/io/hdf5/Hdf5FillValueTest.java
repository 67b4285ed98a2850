package org.scrollwork.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.testing.PythonReference;

/**
 * Unwritten chunks of a chunked dataset read as the dataset's fill value, as h5py (libhdf5) reads them: datasets
 * h5py created with {@code fillvalue=...} and only some chunks written, read whole and as a sub-box, compared voxel
 * for voxel with what h5py reads from the same file.
 */
@Tag("python")
class Hdf5FillValueTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "h5py");
    }

    @TempDir Path dir;

    /** Sub-box (x, y, z min; x, y, z size) that crosses written and unwritten chunks and partial edge chunks. */
    private static final long[] BOX_MIN = {3, 2, 1};
    private static final int[] BOX_SIZE = {17, 9, 4};

    /**
     * Each dataset: (z, y, x) = (6, 13, 23) with chunks (2, 4, 5), so edge chunks are partial; h5py writes a few
     * regions (each touching some chunks, partly) and dumps the whole dataset and the sub-box as raw little endian.
     */
    private static final String WRITER = String.join("\n",
            "import numpy as np, h5py",
            "specs = [('u1', 'u1', 7, 'earliest', None), ('u2', 'u2', 1234, 'earliest', None),",
            "         ('u2_latest', 'u2', 1234, 'latest', None), ('u2_be', '>u2', 1234, 'earliest', None),",
            "         ('i2', 'i2', -300, 'latest', None), ('f4', 'f4', -2.5, 'earliest', None),",
            "         ('u1_gzip', 'u1', 7, 'earliest', 'gzip'), ('u2_none_written', 'u2', 1234, 'earliest', None)]",
            "for name, dt, fill, libver, comp in specs:",
            "    with h5py.File(name + '.h5', 'w', libver=libver) as f:",
            "        d = f.create_dataset('vol', shape=(6, 13, 23), dtype=dt, chunks=(2, 4, 5), fillvalue=fill, compression=comp)",
            "        if name != 'u2_none_written':",
            "            rng = np.random.default_rng(5)",
            "            d[0:2, 0:4, 0:5] = rng.integers(0, 100, (2, 4, 5))",
            "            d[2:3, 5:7, 6:12] = rng.integers(0, 100, (1, 2, 6))",
            "            d[4:6, 12:13, 20:23] = rng.integers(0, 100, (2, 1, 3))",
            "            d[5, 0, 0] = 0",
            "    with h5py.File(name + '.h5', 'r') as f:",
            "        d = f['vol']",
            "        assert d.fillvalue == fill, (name, d.fillvalue)",
            "        assert d.id.get_num_chunks() < 3 * 4 * 5, name",
            "        d[...].astype(d.dtype.newbyteorder('<')).tofile(name + '.all')",
            "        d[1:5, 2:11, 3:20].astype(d.dtype.newbyteorder('<')).tofile(name + '.box')",
            "print('written')",
            "");

    @Test
    void unwrittenChunksReadAsTheFillValueLikeH5py() throws Exception {
        PythonReference.run(dir, WRITER);
        for (Object[] c : List.<Object[]>of(new Object[] {"u1", DataType.UINT8}, new Object[] {"u2", DataType.UINT16},
                new Object[] {"u2_latest", DataType.UINT16}, new Object[] {"u2_be", DataType.UINT16},
                new Object[] {"i2", DataType.INT16}, new Object[] {"f4", DataType.FLOAT32},
                new Object[] {"u1_gzip", DataType.UINT8}, new Object[] {"u2_none_written", DataType.UINT16})) {
            String name = (String) c[0];
            DataType t = (DataType) c[1];
            Volume<?> v = new Hdf5Format().createReader().read(dir.resolve(name + ".h5"));
            assertEquals(t, v.dataType(), name);
            assertArrayEquals(new long[] {23, 13, 6}, v.shape(), name);
            assertSame(name + " whole", expected(name + ".all", t, 23 * 13 * 6), read(v, new long[] {0, 0, 0}, new int[] {23, 13, 6}));
            // A fresh volume, so the sub-box is loaded on its own and not served from chunks the whole read cached.
            Volume<?> fresh = new Hdf5Format().createReader().read(dir.resolve(name + ".h5"));
            assertSame(name + " box", expected(name + ".box", t, BOX_SIZE[0] * BOX_SIZE[1] * BOX_SIZE[2]), read(fresh, BOX_MIN, BOX_SIZE));
        }
    }

    @Test
    void noFillValueAndFillTimeNeverReadAsZeroLikeH5py() throws Exception {
        String out = PythonReference.run(dir, String.join("\n",
                "import numpy as np, h5py",
                "with h5py.File('plain.h5', 'w') as f:",
                "    d = f.create_dataset('vol', shape=(4, 8, 8), dtype='u2', chunks=(2, 4, 4))",
                "    d[0:2, 0:4, 0:4] = 9",
                "    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)",
                "    dcpl.set_chunk((2, 4, 4))",
                "    dcpl.set_fill_value(np.array(55, 'u2'))",
                "    dcpl.set_fill_time(h5py.h5d.FILL_TIME_NEVER)",
                "    h5py.h5d.create(f.id, b'never', h5py.h5t.NATIVE_UINT16, h5py.h5s.create_simple((4, 8, 8)), dcpl=dcpl)",
                "    assert f['never'].fillvalue == 55",
                "    f['never'][0:2, 0:4, 0:4] = 9",
                "with h5py.File('plain.h5', 'r') as f:",
                "    for n in ['vol', 'never']:",
                "        f[n][...].tofile(n + '.all')",
                "        print(n, int(f[n][3, 7, 7]))",
                ""));
        assertTrue(out.contains("vol 0") && out.contains("never 0"), out);
        for (String n : List.of("vol", "never")) {
            Volume<?> v = new Hdf5Format().createReader().read(dir.resolve("plain.h5#/" + n));
            assertSame(n, expected(n + ".all", DataType.UINT16, 8 * 8 * 4), read(v, new long[] {0, 0, 0}, new int[] {8, 8, 4}));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Volume<?> v, long[] min, int[] size) {
        return ChunkedVolumes.readBlock((Volume) v, min, size);
    }

    private Object expected(String file, DataType t, int voxels) throws Exception {
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        assertEquals((long) voxels * t.bytesPerVoxel(), bytes.length, file);
        return VoxelArrays.decode(t, ByteBuffer.wrap(bytes), voxels, ByteOrder.LITTLE_ENDIAN);
    }

    private static void assertSame(String what, Object expected, Object actual) {
        int n = VoxelArrays.length(expected);
        assertEquals(n, VoxelArrays.length(actual), what);
        int differ = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (!java.lang.reflect.Array.get(expected, i).equals(java.lang.reflect.Array.get(actual, i))) {
                differ++;
                if (first < 0) first = i;
            }
        }
        assertEquals(0, differ, what + ": " + differ + " of " + n + " voxels differ from h5py, first at index " + first
                + (first < 0 ? "" : " (h5py " + java.lang.reflect.Array.get(expected, first) + ", read " + java.lang.reflect.Array.get(actual, first) + ")"));
    }
}
