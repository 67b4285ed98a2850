package org.scrollwork.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Compression;
import org.scrollwork.io.CoordinateOracle;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.io.nrrd.OracleVolumes;
import org.scrollwork.testing.PythonReference;

/** HDF5 both ways against h5py (libhdf5): fixtures h5py wrote, and our files read by h5py. */
@Tag("python")
class Hdf5PythonConformanceTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "h5py");
    }

    @TempDir Path dir;
    private final Hdf5Format format = new Hdf5Format();

    private static final String WRITER = "import numpy as np, h5py\n" + CoordinateOracle.PYTHON + String.join("\n",
            "with h5py.File('multi.h5', 'w') as f:",
            "    f['a_small'] = np.arange(10, dtype=np.uint8)",
            "    f['b_image'] = coord((1, 10, 12), 'uint8')[0]",
            "    d = f.create_dataset('exchange/data', data=coord((5, 9, 13), 'uint16'), chunks=(2, 4, 5), compression='gzip')",
            "    d.attrs['element_size_um'] = np.array([6.5, 3.24, 3.24])",
            "    f['exchange/wide'] = np.zeros((2, 2, 2), dtype=np.int32)",
            "for t in ['uint8', 'uint16', 'int16', 'uint32', 'float32', 'float64']:",
            "    with h5py.File('t_%s.h5' % t, 'w') as f:",
            "        f['vol'] = coord((4, 6, 7), t)",
            "with h5py.File('big_endian.h5', 'w') as f:",
            "    f.create_dataset('vol', data=coord((4, 6, 7), 'uint16').astype('>u2'), chunks=(1, 6, 7))",
            "    f.create_dataset('volf', data=coord((4, 6, 7), 'float32').astype('>f4'))",
            "with h5py.File('shuffled.h5', 'w') as f:",
            "    f.create_dataset('vol', data=coord((6, 20, 30), 'float32'), chunks=(3, 7, 11), compression='gzip', shuffle=True)",
            "with h5py.File('userblock.h5', 'w', userblock_size=512) as f:",
            "    f['vol'] = coord((3, 4, 5), 'int16')",
            "    f['vol'].attrs['element_size_um'] = 2.5",
            "");

    @Test
    void readsH5pyFixtures() {
        PythonReference.run(dir, WRITER);
        Volume<?> auto = read("multi.h5", DataType.UINT16, 13, 9, 5);
        assertEquals("/exchange/data", auto.meta().provenance().get("hdf5 dataset"), "first 3-D dataset, depth first, wins over a 2-D one");
        assertEquals(new VoxelSize(3.24, 3.24, 6.5), auto.meta().voxelSizeUm().orElseThrow());
        DatasetInfo info = format.createParser().parse(dir.resolve("multi.h5"));
        assertEquals(List.of(5, 4, 2), List.of(info.level(0).chunkShape()[0], info.level(0).chunkShape()[1], info.level(0).chunkShape()[2]));
        Volume<?> image = read("multi.h5#/b_image", DataType.UINT8, 12, 10, 1);
        assertTrue(image.meta().voxelSizeUm().isEmpty());
        assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(dir.resolve("multi.h5#/exchange/wide")));
        FormatException missing = assertThrows(FormatException.class, () -> format.createReader().read(dir.resolve("multi.h5#/nope")));
        assertTrue(missing.getMessage().contains("multi.h5") && missing.getMessage().contains("/nope"), missing.getMessage());
        assertThrows(FormatException.class, () -> format.createReader().read(dir.resolve("multi.h5#/exchange")));
        for (DataType t : DataType.values()) read("t_" + t.numpyName() + ".h5", t, 7, 6, 4);
        read("big_endian.h5#/vol", DataType.UINT16, 7, 6, 4);
        read("big_endian.h5#/volf", DataType.FLOAT32, 7, 6, 4);
        read("shuffled.h5", DataType.FLOAT32, 30, 20, 6);
        Volume<?> ub = read("userblock.h5", DataType.INT16, 5, 4, 3);
        assertEquals(VoxelSize.isotropic(2.5), ub.meta().voxelSizeUm().orElseThrow());
    }

    private Volume<?> read(String name, DataType t, long x, long y, long z) {
        Path p = dir.resolve(name);
        assertTrue(format.createChecker().isFormat(p), name);
        assertEquals("hdf5", Formats.detect(p).name(), name);
        Volume<?> v = format.createReader().read(p);
        assertEquals(t, v.dataType(), name);
        assertEquals(List.of(x, y, z), List.of(v.shape()[0], v.shape()[1], v.shape()[2]), name);
        assertEquals(0.0, CoordinateOracle.maxError(v), name);
        return v;
    }

    @Test
    void h5pyReadsOurFiles() {
        List<String> names = new ArrayList<>();
        for (DataType t : DataType.values()) {
            for (Compression c : List.of(Compression.NONE, Compression.DEFLATE)) {
                String name = t.numpyName() + "-" + c.cliName() + ".h5";
                Volume<?> v = OracleVolumes.of(t, new long[] {13, 9, 5}, new VoxelSize(3.24, 3.24, 6.5));
                format.createWriter().write(dir.resolve(name), List.of(v), WriteOptions.DEFAULTS.withCompression(c).withChunkShape(8, 4, 2));
                names.add(name);
            }
        }
        String out = PythonReference.run(dir, "import numpy as np, h5py, os\n" + CoordinateOracle.PYTHON + String.join("\n",
                "for name in sorted(n for n in os.listdir('.') if n.endswith('.h5')):",
                "    with h5py.File(name, 'r') as f:",
                "        d = f['volume']",
                "        a = d[...]",
                "        expect = coord((5, 9, 13), name.split('-')[0])",
                "        same = a.dtype == expect.dtype and np.array_equal(a, expect)",
                "        print(name, 'OK' if same else 'DIFFERENT', d.chunks, d.compression, list(d.attrs['element_size_um']))",
                ""));
        for (String name : names) {
            String compression = name.contains("deflate") ? "gzip" : "None";
            assertTrue(out.contains(name + " OK (2, 4, 8) " + compression + " [6.5, 3.24, 3.24]"), name + " in:\n" + out);
        }
        assertFalse(out.contains("DIFFERENT"), out);
    }

    @Test
    void damagedChunksFailWhenReadWithTheFileNamed() throws Exception {
        PythonReference.run(dir, WRITER);
        Path p = dir.resolve("shuffled.h5");
        String offsets = PythonReference.run(dir, String.join("\n",
                "import h5py",
                "with h5py.File('shuffled.h5', 'r') as f:",
                "    d = f['vol'].id",
                "    print(' '.join('%d:%d' % (d.get_chunk_info(i).byte_offset, d.get_chunk_info(i).size) for i in range(d.get_num_chunks())))",
                "")).trim();
        byte[] bytes = Files.readAllBytes(p);
        String[] last = offsets.split(" ")[offsets.split(" ").length - 1].split(":");
        int at = Integer.parseInt(last[0]);
        int len = Integer.parseInt(last[1]);
        for (int i = at + 2; i < at + len - 2; i++) bytes[i] ^= (byte) 0xa5;
        Files.write(p, bytes);
        Volume<?> v = format.createReader().read(p); // headers are intact: opening works
        FormatException e = assertThrows(FormatException.class, () -> Volumes.sum(v.image()));
        assertTrue(e.getMessage().contains("shuffled.h5"), e.getMessage());

        Path t = dir.resolve("t_float64.h5");
        byte[] full = Files.readAllBytes(t);
        Files.write(t, java.util.Arrays.copyOf(full, full.length - 8));
        TruncatedFileException tr = assertThrows(TruncatedFileException.class, () -> format.createParser().parse(t));
        assertTrue(tr.getMessage().contains("t_float64.h5"), tr.getMessage());
    }
}
