package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.testing.PythonReference;

/**
 * Files Scrollwork writes, read by independent readers: tifffile for uncompressed and deflate files
 * (and every file's tags and ImageJ metadata), libtiff itself (through ctypes) for LZW, which tifffile
 * cannot decode without imagecodecs and Pillow 9.4 decodes wrongly for big-endian float32. Covers every codec, both byte
 * orders, BigTIFF (forced through a zero size threshold), several strips per page and the slice directory.
 */
@Tag("python")
class TiffWrittenFilesReadByPythonTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "tifffile");
    }

    /** What Python saw in one file. */
    record Seen(String file, String sha256, String dtype, long[] shape, boolean bigtiff, String byteorder, int compression,
                int strips, double xResolution, Double spacing, String unit, Integer slices) {}

    /** One file to check and how it was written. */
    record Written(String file, String dtype, String codec, boolean bigtiff, String sha256) {}

    @TempDir Path dir;

    private static final String SCRIPT = TiffTestSupport.PY_SHA + """
            import json, glob, os
            import numpy as np, tifffile
            import ctypes
            libtiff = ctypes.CDLL('libtiff.so.6')
            libtiff.TIFFOpen.restype = ctypes.c_void_p
            libtiff.TIFFOpen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            for f, args in (('TIFFNumberOfStrips', [ctypes.c_void_p]), ('TIFFReadDirectory', [ctypes.c_void_p]), ('TIFFClose', [ctypes.c_void_p])):
                getattr(libtiff, f).argtypes = args
            libtiff.TIFFStripSize.restype = ctypes.c_int64
            libtiff.TIFFStripSize.argtypes = [ctypes.c_void_p]
            libtiff.TIFFReadEncodedStrip.restype = ctypes.c_int64
            libtiff.TIFFReadEncodedStrip.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_int64]
            def libtiff_read(name, dtype, h, w):
                # libtiff's own LZW decoder; it returns samples in host byte order
                tif = libtiff.TIFFOpen(name.encode(), b'r')
                assert tif, name
                pages = []
                while True:
                    buf = bytearray()
                    chunk = ctypes.create_string_buffer(libtiff.TIFFStripSize(tif))
                    for s in range(libtiff.TIFFNumberOfStrips(tif)):
                        n = libtiff.TIFFReadEncodedStrip(tif, s, chunk, -1)
                        assert n > 0, (name, s)
                        buf += chunk.raw[:n]
                    pages.append(np.frombuffer(bytes(buf), dtype=np.dtype(dtype).newbyteorder('=')).reshape(h, w))
                    if not libtiff.TIFFReadDirectory(tif):
                        break
                libtiff.TIFFClose(tif)
                return np.stack(pages)
            out = []
            for w in json.load(open('manifest.json')):
                name = w['file']
                files = sorted(glob.glob(name + '/*.tif')) if os.path.isdir(name) else [name]
                with tifffile.TiffFile(files[0]) as t:
                    p = t.pages[0]
                    ij = t.imagej_metadata or {}
                    info = dict(bigtiff=t.is_bigtiff, byteorder=t.byteorder, compression=int(p.compression),
                                strips=len(p.dataoffsets), xResolution=p.tags['XResolution'].value[0] / p.tags['XResolution'].value[1],
                                spacing=ij.get('spacing'), unit=ij.get('unit'), slices=ij.get('slices'))
                    shape, dtype = p.shape, p.dtype
                if w['codec'] == 'lzw':
                    a = libtiff_read(name, dtype, shape[0], shape[1])
                elif len(files) > 1:
                    a = np.stack([tifffile.imread(f) for f in files])
                else:
                    a = tifffile.imread(name)
                    if a.ndim == 2: a = a[None]
                out.append(dict(file=name, sha256=sha(a), dtype=str(a.dtype), shape=[a.shape[2], a.shape[1], a.shape[0]], **info))
            print(json.dumps(out))
            """;

    @Test
    void tifffileAndLibtiffReadWhatWeWrite() throws Exception {
        List<Written> written = new ArrayList<>();
        Random rnd = new Random(11);
        VoxelSize vs = new VoxelSize(3.24, 3.24, 6.5);
        for (Compression c : List.of(Compression.NONE, Compression.LZW, Compression.DEFLATE)) {
            for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                for (boolean big : List.of(false, true)) {
                    for (DataType t : DataType.values()) {
                        Volume<?> v = TiffTestSupport.randomVolume(t, new long[] {29, 17, 4}, vs, rnd);
                        String name = String.format("%s-%s-%s-%s.tif", t.numpyName(), c.cliName(), order == ByteOrder.BIG_ENDIAN ? "be" : "le", big ? "big" : "classic");
                        WriteOptions o = WriteOptions.DEFAULTS.withCompression(c).withByteOrder(order).withChunkShape(29, 5, 1);
                        new TiffFormat.Writer(big ? 0 : TiffFormat.BIGTIFF_THRESHOLD).write(dir.resolve(name), List.of(v), o);
                        written.add(new Written(name, t.numpyName(), c.cliName(), big, TiffTestSupport.sha256(v)));
                    }
                }
            }
        }
        Volume<?> slices = TiffTestSupport.randomVolume(DataType.UINT16, new long[] {21, 13, 6}, vs, rnd);
        new TiffSlicesFormat().createWriter().write(dir.resolve("slices"), List.of(slices), WriteOptions.DEFAULTS.withCompression(Compression.DEFLATE));
        written.add(new Written("slices", "uint16", "deflate", false, TiffTestSupport.sha256(slices)));
        Files.writeString(dir.resolve("manifest.json"), new ObjectMapper().writeValueAsString(written));

        Map<String, Seen> seen = new LinkedHashMap<>();
        for (Seen s : new ObjectMapper().readValue(PythonReference.run(dir, SCRIPT).trim(), Seen[].class)) seen.put(s.file(), s);
        int checked = 0;
        for (Written w : written) {
            Seen s = seen.get(w.file());
            String what = w.file();
            checked++;
            assertEquals(w.sha256(), s.sha256(), what + ": voxels as Python reads them");
            assertEquals(w.dtype(), s.dtype(), what);
            assertEquals(w.bigtiff(), s.bigtiff(), what + ": BigTIFF");
            assertEquals(w.file().contains("-be-") ? ">" : "<", s.byteorder(), what + ": byte order");
            assertEquals(Map.of("none", 1, "lzw", 5, "deflate", 8).get(w.codec()), s.compression(), what + ": compression tag");
            assertEquals(1 / 3.24, s.xResolution(), 1e-9, what + ": XResolution in pixels per micron");
            assertEquals(6.5, s.spacing(), 1e-12, what + ": ImageJ spacing");
            assertEquals("micron", s.unit(), what + ": ImageJ unit");
            if (!w.file().equals("slices")) {
                assertEquals(4, s.slices(), what + ": ImageJ slices");
                assertEquals(4, s.strips(), what + ": 17 rows in strips of 5");
            }
        }
        assertEquals(3 * 2 * 2 * DataType.values().length + 1, checked);
    }
}
