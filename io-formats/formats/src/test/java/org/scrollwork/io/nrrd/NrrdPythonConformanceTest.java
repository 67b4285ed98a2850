package org.scrollwork.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
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
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.testing.PythonReference;

/**
 * NRRD both ways against an independent reference: headers composed by hand in Python (no NRRD
 * library is involved) with NumPy data, and our files parsed by a small Python NRRD reader.
 */
@Tag("python")
class NrrdPythonConformanceTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy");
    }

    @TempDir Path dir;

    private static final String WRITER = "import numpy as np, gzip, os\n" + CoordinateOracle.PYTHON + String.join("\n",
            "def header(dt, shape_zyx, enc, endian, extra=''):",
            "    sizes = ' '.join(str(s) for s in reversed(shape_zyx))",
            "    h = 'NRRD0004\\n# by hand\\ntype: %s\\ndimension: %d\\nsizes: %s\\nencoding: %s\\n' % (dt, len(shape_zyx), sizes, enc)",
            "    if endian: h += 'endian: %s\\n' % endian",
            "    return (h + extra).encode('utf-8')",
            "def data(np_dt, shape, endian):",
            "    a = coord(shape, np_dt)",
            "    return a.astype(a.dtype.newbyteorder('>' if endian == 'big' else '<')).tobytes()",
            // 1: attached raw little uint16 with space directions in micrometres
            "open('a_u16.nrrd', 'wb').write(header('unsigned short', (5, 9, 13), 'raw', 'little',",
            "    'space dimension: 3\\nspace directions: (3.24,0,0) (0,3.24,0) (0,0,6.5)\\nspace units: \"\\u00b5m\" \"\\u00b5m\" \"\\u00b5m\"\\n') + b'\\n' + data('uint16', (5, 9, 13), 'little'))",
            // 2: attached gzip big-endian float32 with spacings in mm
            "open('b_f32.nrrd', 'wb').write(header('float', (4, 6, 7), 'gzip', 'big', 'spacings: 0.002 0.002 0.004\\nunits: \"mm\" \"mm\" \"mm\"\\n') + b'\\n'",
            "    + gzip.compress(data('float32', (4, 6, 7), 'big')))",
            // 3: detached int16 big endian with line skip 2 and byte skip 100
            "open('c_i16.nhdr', 'wb').write(header('signed short', (3, 5, 11), 'raw', 'big', 'line skip: 2\\nbyte skip: 100\\ndata file: c_data.bin\\n'))",
            "open('c_data.bin', 'wb').write(b'first line\\nsecond line\\n' + bytes(range(100)) + data('int16', (3, 5, 11), 'big'))",
            // 4: detached 'gz' double with byte skip applied after decompression
            "open('d_f64.nhdr', 'wb').write(header('double', (6, 4, 5), 'gz', 'little', 'byte skip: 16\\ndata file: sub/d.raw.gz\\n'))",
            "os.makedirs('sub', exist_ok=True)",
            "open('sub/d.raw.gz', 'wb').write(gzip.compress(bytes(16) + data('float64', (6, 4, 5), 'little')))",
            // 5: 2-D uchar, spacings without units
            "open('e_u8.nrrd', 'wb').write(header('uchar', (10, 12), 'raw', None, 'spacings: 0.5 0.5\\n') + b'\\n' + data('uint8', (1, 10, 12), None))",
            // 6: uint32 with byte skip -1 (data at the end) and Windows line ends in the header
            "open('f_u32.nrrd', 'wb').write(header('uint32', (2, 3, 4), 'raw', 'little', 'byte skip: -1\\n').replace(b'\\n', b'\\r\\n') + b'\\r\\n'",
            "    + b'padding' + data('uint32', (2, 3, 4), 'little'))",
            "");

    @Test
    void readsHandWrittenFixtures() {
        PythonReference.run(dir, WRITER);
        Volume<?> a = read("a_u16.nrrd", DataType.UINT16, 13, 9, 5);
        assertEquals(new VoxelSize(3.24, 3.24, 6.5), a.meta().voxelSizeUm().orElseThrow());
        Volume<?> b = read("b_f32.nrrd", DataType.FLOAT32, 7, 6, 4);
        VoxelSize vb = b.meta().voxelSizeUm().orElseThrow();
        assertEquals(2.0, vb.xUm(), 1e-9);
        assertEquals(4.0, vb.zUm(), 1e-9);
        Volume<?> c = read("c_i16.nhdr", DataType.INT16, 11, 5, 3);
        assertTrue(c.meta().voxelSizeUm().isEmpty());
        read("d_f64.nhdr", DataType.FLOAT64, 5, 4, 6);
        Volume<?> e = read("e_u8.nrrd", DataType.UINT8, 12, 10, 1);
        assertTrue(e.meta().voxelSizeUm().isEmpty(), "spacings without units give no voxel size");
        assertEquals("0.5 0.5", e.meta().provenance().get("nrrd spacings"));
        read("f_u32.nrrd", DataType.UINT32, 4, 3, 2);
    }

    @Test
    void gzipSlicesReadBackwardsRestartDecompressionCorrectly() {
        PythonReference.run(dir, WRITER);
        Volume<?> b = new NrrdFormat().createReader().read(dir.resolve("b_f32.nrrd"));
        // Last slice first, then the first: the sequential decoder must restart.
        assertEquals(CoordinateOracle.value(DataType.FLOAT32, 6, 5, 3), org.scrollwork.io.Volumes.get(cast(b).image(), 6, 5, 3));
        assertEquals(CoordinateOracle.value(DataType.FLOAT32, 1, 2, 0), org.scrollwork.io.Volumes.get(cast(b).image(), 1, 2, 0));
    }

    private Volume<?> read(String name, DataType t, long x, long y, long z) {
        Path p = dir.resolve(name);
        assertTrue(new NrrdFormat().createChecker().isFormat(p), name);
        assertEquals("nrrd", Formats.detect(p).name());
        assertEquals(List.of(x, y, z), List.of(new NrrdFormat().createParser().parse(p).level(0).shape()[0],
                new NrrdFormat().createParser().parse(p).level(0).shape()[1], new NrrdFormat().createParser().parse(p).level(0).shape()[2]));
        Volume<?> v = new NrrdFormat().createReader().read(p);
        assertEquals(t, v.dataType(), name);
        assertEquals(0.0, CoordinateOracle.maxError(v), name);
        return v;
    }

    @Test
    void ourFilesParseWithAnIndependentPythonReader() {
        List<String> names = new ArrayList<>();
        NrrdFormat f = new NrrdFormat();
        for (DataType t : DataType.values()) {
            for (String ext : List.of(".nrrd", ".nhdr")) {
                for (Compression c : List.of(Compression.NONE, Compression.GZIP)) {
                    for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                        String name = t.numpyName() + "-" + c.cliName() + "-" + (o == ByteOrder.BIG_ENDIAN ? "be" : "le") + ext;
                        Volume<?> v = OracleVolumes.of(t, new long[] {13, 9, 5}, new VoxelSize(3.24, 3.24, 6.5));
                        f.createWriter().write(dir.resolve(name), List.of(v), WriteOptions.DEFAULTS.withCompression(c).withByteOrder(o));
                        names.add(name);
                    }
                }
            }
        }
        String out = PythonReference.run(dir, "import numpy as np, gzip, os, sys\n" + CoordinateOracle.PYTHON + String.join("\n",
                "def read_nrrd(path):",
                "    raw = open(path, 'rb').read()",
                "    if path.endswith('.nhdr'):",
                "        head, data = raw.decode('utf-8'), None",
                "    else:",
                "        i = raw.index(b'\\n\\n')",
                "        head, data = raw[:i].decode('utf-8'), raw[i + 2:]",
                "    lines = head.split('\\n')",
                "    assert lines[0] == 'NRRD0004', lines[0]",
                "    f = {}",
                "    for l in lines[1:]:",
                "        if l and not l.startswith('#'):",
                "            k, v = l.split(': ', 1)",
                "            f[k] = v",
                "    if 'data file' in f:",
                "        data = open(os.path.join(os.path.dirname(path), f['data file']), 'rb').read()",
                "    if f['encoding'] in ('gzip', 'gz'): data = gzip.decompress(data)",
                "    types = {'uchar': 'u1', 'short': 'i2', 'ushort': 'u2', 'uint': 'u4', 'float': 'f4', 'double': 'f8'}",
                "    e = '>' if f.get('endian') == 'big' else '<'",
                "    sizes = [int(s) for s in f['sizes'].split()]",
                "    assert len(data) == np.prod(sizes) * np.dtype(types[f['type']]).itemsize, 'data length'",
                "    return f, np.frombuffer(data, dtype=e + types[f['type']]).reshape(sizes[::-1])",
                "for name in sys.argv[1:] or sorted(n for n in os.listdir('.') if n.endswith(('.nrrd', '.nhdr'))):",
                "    f, a = read_nrrd(name)",
                "    expect = coord((5, 9, 13), name.split('-')[0])",
                "    same = a.shape == expect.shape and a.dtype.newbyteorder('=') == expect.dtype and np.array_equal(a, expect)",
                "    print(name, 'OK' if same else 'DIFFERENT', f['space directions'].replace(' ', ''), f['space units'].replace(' ', ''))",
                ""));
        for (String name : names) {
            assertTrue(out.contains(name + " OK (3.24,0,0)(0,3.24,0)(0,0,6.5) \"microns\"\"microns\"\"microns\""), name + " in:\n" + out);
        }
        assertFalse(out.contains("DIFFERENT"), out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Volume<net.imglib2.type.numeric.real.FloatType> cast(Volume<?> v) { return (Volume) v; }
}
