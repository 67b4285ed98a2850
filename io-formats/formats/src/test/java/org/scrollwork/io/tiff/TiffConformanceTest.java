package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.testing.PythonReference;

/**
 * Reads files no one here wrote: tifffile (ImageJ hyperstacks, both byte orders, zlib, tiles,
 * predictor, BigTIFF, its JSON description, unit conversions) and Pillow's libtiff (LZW, with and
 * without predictor, multi-page). The Python script prints what each file must contain; the
 * reader must agree voxel for voxel (SHA-256) and calibration field for field. Also ImageJ's single-IFD
 * layout for stacks past 4 GiB (tifffile {@code truncate=True}).
 */
@Tag("python")
class TiffConformanceTest {
    private static final String[] PYTHON_MODULES = {"numpy", "tifffile", "PIL"};

    /** One fixture: the file, its type, shape {@code [x, y, z]}, voxel hash and expected voxel size in µm (null when absent). */
    record Expected(String file, String dtype, long[] shape, String sha256, double[] voxelUm) {}

    @TempDir static Path dir;
    static List<Expected> fixtures;

    private static final String SCRIPT = TiffTestSupport.PY_SHA + """
            import json, os
            import numpy as np, tifffile
            from PIL import Image
            rng = np.random.default_rng(20261123)
            out = []
            def note(name, a, voxel):
                a = np.asarray(a)
                if a.ndim == 2: a = a[None]
                out.append(dict(file=name, dtype=str(a.dtype), shape=[a.shape[2], a.shape[1], a.shape[0]], sha256=sha(a), voxelUm=voxel))
            def data(dtype, shape):
                if np.dtype(dtype).kind == 'f':
                    return (rng.standard_normal(shape) * 1000).astype(dtype)
                info = np.iinfo(dtype)
                return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
            ij = dict(resolution=(1 / 3.24, 1 / 3.24), metadata={'spacing': 6.5, 'unit': 'um', 'axes': 'ZYX'})
            for dtype in ('uint8', 'uint16', 'float32'):
                for order in '<>':
                    for comp in (None, 'zlib'):
                        a = data(dtype, (5, 23, 37))
                        name = 'ij-%s-%s-%s.tif' % (dtype, 'le' if order == '<' else 'be', comp or 'none')
                        tifffile.imwrite(name, a, imagej=True, byteorder=order, compression=comp, photometric='minisblack', **ij)
                        note(name, a, [3.24, 3.24, 6.5])
            # units other than micrometres are converted
            a = data('uint16', (3, 11, 13))
            tifffile.imwrite('ij-mm.tif', a, imagej=True, photometric='minisblack', resolution=(500, 250), metadata={'spacing': 0.004, 'unit': 'mm', 'axes': 'ZYX'})
            note('ij-mm.tif', a, [2.0, 4.0, 4.0])
            tifffile.imwrite('ij-nm.tif', a, imagej=True, photometric='minisblack', resolution=(0.02, 0.02), metadata={'spacing': 100, 'unit': 'nm', 'axes': 'ZYX'})
            note('ij-nm.tif', a, [0.05, 0.05, 0.1])
            tifffile.imwrite('ij-micron.tif', a, imagej=True, photometric='minisblack', resolution=(0.125, 0.125), metadata={'spacing': 8, 'unit': 'micron', 'axes': 'ZYX'})
            note('ij-micron.tif', a, [8.0, 8.0, 8.0])
            tifffile.imwrite('ij-nounit.tif', a, imagej=True, photometric='minisblack', metadata={'axes': 'ZYX'})
            note('ij-nounit.tif', a, None)
            # tifffile's own JSON description, calibration from ResolutionUnit alone
            tifffile.imwrite('shaped-cm.tif', a, photometric='minisblack', resolution=(4000, 4000), resolutionunit='CENTIMETER')
            note('shaped-cm.tif', a, [2.5, 2.5, 2.5])
            tifffile.imwrite('shaped-none.tif', a, photometric='minisblack')
            note('shaped-none.tif', a, None)
            # ImageJ's convention past 4 GiB: one IFD, images=N contiguous pages
            a = data('uint16', (6, 13, 11))
            tifffile.imwrite('ij-truncated.tif', a, imagej=True, truncate=True, photometric='minisblack', **ij)
            assert len(tifffile.TiffFile('ij-truncated.tif').pages) == 1
            note('ij-truncated.tif', a, [3.24, 3.24, 6.5])
            # types ImageJ does not store
            for dtype in ('int16', 'uint32', 'float64'):
                for order in '<>':
                    a = data(dtype, (4, 9, 21))
                    name = 'plain-%s-%s.tif' % (dtype, 'le' if order == '<' else 'be')
                    tifffile.imwrite(name, a, photometric='minisblack', byteorder=order)
                    note(name, a, None)
            # tiles (with ragged edge tiles), zlib, horizontal predictor
            for dtype in ('uint8', 'uint16', 'float32'):
                for comp in (None, 'zlib'):
                    a = data(dtype, (3, 40, 35))
                    name = 'tiled-%s-%s.tif' % (dtype, comp or 'none')
                    tifffile.imwrite(name, a, photometric='minisblack', tile=(16, 16), compression=comp, byteorder='>' if dtype == 'uint16' else '<')
                    note(name, a, None)
            for dtype in ('uint8', 'uint16', 'int16', 'uint32'):
                a = data(dtype, (3, 30, 41))
                name = 'predictor-%s.tif' % dtype
                tifffile.imwrite(name, a, photometric='minisblack', compression='zlib', predictor=True, rowsperstrip=7)
                note(name, a, None)
            a = data('uint16', (3, 32, 48))
            tifffile.imwrite('predictor-tiled.tif', a, photometric='minisblack', compression='zlib', predictor=True, tile=(16, 16))
            note('predictor-tiled.tif', a, None)
            # BigTIFF in both byte orders
            for order in '<>':
                a = data('uint16', (4, 17, 19))
                name = 'bigtiff-%s.tif' % ('le' if order == '<' else 'be')
                tifffile.imwrite(name, a, bigtiff=True, byteorder=order, imagej=False, photometric='minisblack', resolution=(1 / 7.91, 1 / 7.91), resolutionunit='CENTIMETER')
                note(name, a, [7.91e4, 7.91e4, 7.91e4])
            a = data('float32', (3, 12, 10))
            tifffile.imwrite('bigtiff-zlib-tiled.tif', a, bigtiff=True, compression='zlib', tile=(16, 16), photometric='minisblack')
            note('bigtiff-zlib-tiled.tif', a, None)
            # LZW from Pillow's libtiff: single pages (several strips), predictor, multi-page
            def pil(arr):
                return Image.fromarray(arr, mode='I;16') if arr.dtype == np.uint16 else Image.fromarray(arr)
            for dtype in ('uint8', 'uint16', 'float32'):
                a = data(dtype, (211, 157))
                name = 'pil-lzw-%s.tif' % dtype
                pil(a).save(name, compression='tiff_lzw')
                assert (np.array(Image.open(name)) == a).all()
                note(name, a, None)
            for dtype in ('uint8', 'uint16'):
                a = (np.arange(157 * 211).reshape(157, 211) * 3 + rng.integers(0, 4, (157, 211))).astype(dtype)
                name = 'pil-lzw-predictor-%s.tif' % dtype
                pil(a).save(name, compression='tiff_lzw', tiffinfo={317: 2})
                assert tifffile.TiffFile(name).pages[0].predictor == 2
                assert (np.array(Image.open(name)) == a).all()
                note(name, a, None)
            a = data('uint8', (6, 40, 50))
            ims = [Image.fromarray(p) for p in a]
            ims[0].save('pil-lzw-multipage.tif', compression='tiff_lzw', save_all=True, append_images=ims[1:], dpi=(254, 254))
            note('pil-lzw-multipage.tif', a, [100.0, 100.0, 100.0])
            # several pages of several strips each, as whole-volume reads take them (runs of pages in parallel, adjacent
            # uncompressed strips in one read, deflate and LZW into the target array)
            for dtype in ('uint8', 'uint16'):
                a = data(dtype, (9, 37, 29))
                name = 'strips-zlib-%s.tif' % dtype
                tifffile.imwrite(name, a, photometric='minisblack', compression='zlib', rowsperstrip=5)
                assert len(tifffile.TiffFile(name).pages[0].dataoffsets) == 8
                note(name, a, None)
                name = 'strips-none-%s.tif' % dtype
                tifffile.imwrite(name, a, photometric='minisblack', rowsperstrip=4)
                note(name, a, None)
            for dtype in ('uint8', 'uint16'):
                a = (np.arange(7 * 45 * 33).reshape(7, 45, 33) * 5 + rng.integers(0, 9, (7, 45, 33))).astype(dtype)
                ims = [pil(p) for p in a]
                name = 'pil-lzw-predictor-multipage-%s.tif' % dtype
                ims[0].save(name, compression='tiff_lzw', save_all=True, append_images=ims[1:], tiffinfo={317: 2})
                with tifffile.TiffFile(name) as t:
                    assert len(t.pages) == 7 and all(p.predictor == 2 and p.compression == 5 for p in t.pages)
                note(name, a, None)
            # a Vesuvius-style directory of numbered slices
            os.mkdir('slices')
            a = data('uint16', (7, 15, 22))
            for z in range(7):
                tifffile.imwrite('slices/%05d.tif' % z, a[z], photometric='minisblack')
            note('slices', a, None)
            os.mkdir('slices-calibrated')
            a = data('uint8', (3, 8, 9))
            for z in range(3):
                tifffile.imwrite('slices-calibrated/%03d.tif' % (z + 10), a[z], imagej=True, resolution=(0.5, 0.5), metadata={'unit': 'um', 'spacing': 2.0})
            note('slices-calibrated', a, [2.0, 2.0, 2.0])
            # RGB is not a scan: must be refused with a typed error
            tifffile.imwrite('rgb.tif', data('uint8', (10, 12, 3)), photometric='rgb')
            print(json.dumps(out))
            """;

    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable(PYTHON_MODULES);
    }

    @BeforeAll
    static void writeFixtures() throws Exception {
        if (!PythonReference.available(PYTHON_MODULES)) return; // every test is skipped by needsPython()
        String json = PythonReference.run(dir, SCRIPT);
        fixtures = List.of(new ObjectMapper().readValue(json.trim(), Expected[].class));
    }

    @Test
    void everyFixtureReadsVoxelForVoxelWithItsCalibration() {
        List<String> failures = new ArrayList<>();
        for (Expected e : fixtures) {
            Path p = dir.resolve(e.file());
            Format f = Formats.detect(p);
            Volume<?> v = f.createReader().read(p);
            String what = e.file() + " (" + f.name() + ")";
            assertEquals(e.file().startsWith("slices") ? "tiff-slices" : "tiff", f.name(), what);
            assertEquals(DataType.fromNumpyName(e.dtype()), v.dataType(), what);
            assertEquals(List.of(e.shape()[0], e.shape()[1], e.shape()[2]), List.of(v.shape()[0], v.shape()[1], v.shape()[2]), what);
            if (!e.sha256().equals(TiffTestSupport.sha256(v))) failures.add(what + ": voxels differ from the Python array");
            if (!e.sha256().equals(TiffTestSupport.sha256Whole(f.createReader().read(p)))) {
                failures.add(what + ": voxels of a whole-volume read differ from the Python array");
            }
            Optional<VoxelSize> vs = v.meta().voxelSizeUm();
            if (e.voxelUm() == null) {
                assertFalse(vs.isPresent(), what + ": voxel size must be absent, got " + vs);
            } else {
                assertTrue(vs.isPresent(), what + ": voxel size missing");
                double[] got = vs.get().toArray();
                for (int i = 0; i < 3; i++) assertEquals(e.voxelUm()[i], got[i], 1e-6 * e.voxelUm()[i], what + " voxel size axis " + i);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(fixtures.size() >= 40, "fixtures written: " + fixtures.size());
    }

    @Test
    void parserKeepsTheRawImageJDescriptionAndTiffLayoutInProvenance() {
        var meta = new TiffFormat.Parser().parse(dir.resolve("ij-uint16-be-zlib.tif")).level(0).meta();
        assertTrue(meta.provenance().get("tiff.description").startsWith("ImageJ=1.11a\n"), meta.provenance().toString());
        assertTrue(meta.provenance().get("tiff.description").contains("spacing=6.5"));
        assertTrue(meta.provenance().get("tiff.layout").contains("big-endian"));
        var shaped = new TiffFormat.Parser().parse(dir.resolve("shaped-none.tif")).level(0).meta();
        assertEquals("{\"shape\": [3, 11, 13]}", shaped.provenance().get("tiff.description"));
    }

    @Test
    void rgbIsRefusedWithATypedErrorNamingTheFile() {
        Path p = dir.resolve("rgb.tif");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> new TiffFormat.Reader().read(p));
        assertTrue(e.getMessage().contains("rgb.tif") && e.getMessage().contains("samples per pixel"), e.getMessage());
    }
}
