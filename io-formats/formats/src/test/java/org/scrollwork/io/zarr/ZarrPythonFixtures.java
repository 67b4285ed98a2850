package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.testing.PythonReference;

/**
 * Zarr stores written by Debian's zarr-python 2.13 + numcodecs 0.11 (an implementation no one here
 * wrote), each with its array's values as raw little-endian C-order bytes ({@code NAME.expected}).
 */
final class ZarrPythonFixtures {
    private ZarrPythonFixtures() {}

    /** Writes the single-array fixtures into {@code dir} and returns python's manifest (name, dtype, Zarr shape). */
    static JsonNode writeArrays(Path dir) {
        PythonReference.assumeAvailable("numpy", "zarr", "numcodecs");
        return parse(PythonReference.run(dir, ARRAYS));
    }

    /** Writes the multiscale group fixtures into {@code dir}. */
    static void writeGroups(Path dir) {
        PythonReference.assumeAvailable("numpy", "zarr", "numcodecs");
        PythonReference.run(dir, GROUPS);
    }

    /**
     * Writes {@code cache.ome.zarr} into {@code dir} for the HTTP cache tests: an OME-NGFF 0.4 group whose level 0 is
     * 11 x 10 x 9 (x, y, z) uint16 in chunks of 4 (blosc zstd), chunk {@value #CACHE_MISSING_CHUNK} removed (it reads as
     * the fill value 7); its values in {@code cache.expected}.
     */
    static void writeCacheStore(Path dir) {
        PythonReference.assumeAvailable("numpy", "zarr", "numcodecs");
        PythonReference.run(dir, CACHE_STORE);
    }

    /** The key of the chunk {@link #writeCacheStore} removes: z 0, y 0, x 1 (voxels x 4-7, y 0-3, z 0-3). */
    static final String CACHE_MISSING_CHUNK = "0/0/0/1";

    private static final String CACHE_STORE = """
            import os, numpy as np, zarr
            from numcodecs import Blosc
            rng = np.random.default_rng(16)
            data = rng.integers(0, 65535, size=(9, 10, 11), endpoint=True, dtype=np.uint16)
            g = zarr.open_group("cache.ome.zarr", mode="w")
            g.create_dataset("0", data=data, chunks=(4, 4, 4), dtype="<u2", fill_value=7, dimension_separator="/",
                             compressor=Blosc(cname="zstd", clevel=3, shuffle=Blosc.SHUFFLE))
            g.attrs["multiscales"] = [{"version": "0.4", "name": "cache", "axes": [{"name": n, "type": "space", "unit": "micrometer"} for n in "zyx"],
                                       "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1.0, 1.0, 1.0]}]}]}]
            os.remove("cache.ome.zarr/0/0/0/1")
            zarr.open_group("cache.ome.zarr", mode="r")["0"][...].astype("<u2").tofile("cache.expected")
            """;

    /** The values python saved as {@code file}, as an in-memory volume of shape {@code [x, y, z]}. */
    static Volume<?> expected(Path file, DataType t, long[] shapeXyz) {
        try {
            byte[] b = Files.readAllBytes(file);
            Object arr = VoxelArrays.decode(t, ByteBuffer.wrap(b), b.length / t.bytesPerVoxel(), ByteOrder.LITTLE_ENDIAN);
            return Volumes.wrap(arr, shapeXyz, ScanMetadata.of(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String ARRAYS = """
            import json, numpy as np, zarr
            from numcodecs import Blosc, Zlib, GZip, Zstd
            rng = np.random.default_rng(1234)
            cases = [
              ("u1_none", "|u1", (5, 9, 13), (2, 4, 5), None, ".", None),
              ("u2le_zlib", "<u2", (5, 9, 13), (2, 4, 5), Zlib(level=6), ".", None),
              ("u2be_gzip", ">u2", (5, 9, 13), (3, 3, 3), GZip(level=5), ".", None),
              ("f4le_zstd", "<f4", (4, 10, 7), (4, 4, 4), Zstd(level=3), ".", None),
              ("f4be_blosc_lz4_shuffle", ">f4", (6, 8, 9), (4, 4, 4), Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE), ".", None),
              ("u1_blosc_lz4_noshuffle", "|u1", (6, 8, 9), (4, 5, 3), Blosc(cname="lz4", clevel=5, shuffle=Blosc.NOSHUFFLE), ".", None),
              ("u2_blosc_lz4_shuffle_slash", "<u2", (6, 8, 9), (4, 5, 3), Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE), "/", None),
              ("f4_blosc_zstd_bitshuffle", "<f4", (6, 8, 9), (3, 3, 3), Blosc(cname="zstd", clevel=3, shuffle=Blosc.BITSHUFFLE), "/", None),
              ("u2_blosc_lz4hc", "<u2", (3, 17, 5), (2, 8, 8), Blosc(cname="lz4hc", clevel=5, shuffle=Blosc.SHUFFLE), ".", None),
              ("u2_blosc_blosclz", "<u2", (3, 17, 5), (2, 8, 8), Blosc(cname="blosclz", clevel=5, shuffle=Blosc.SHUFFLE), ".", None),
              ("i2be_blosc_zlib", ">i2", (3, 17, 5), (2, 8, 8), Blosc(cname="zlib", clevel=5, shuffle=Blosc.SHUFFLE), ".", None),
              ("u4le_zstd", "<u4", (3, 6, 5), (2, 4, 4), Zstd(level=1), ".", None),
              ("u4be_none", ">u4", (3, 6, 5), (2, 4, 4), None, "/", None),
              ("f8be_zlib", ">f8", (3, 6, 5), (2, 4, 4), Zlib(level=1), ".", None),
              ("f8le_blosc_lz4_bitshuffle", "<f8", (3, 6, 5), (2, 4, 4), Blosc(cname="lz4", clevel=5, shuffle=Blosc.BITSHUFFLE), ".", None),
              ("u2_missing_fill", "<u2", (6, 12, 12), (3, 4, 4), Zstd(level=1), ".", 4321),
              ("f4_missing_fill", "<f4", (6, 12, 12), (3, 4, 4), Blosc(cname="lz4"), "/", -2.5),
              ("u1_chunk_larger_than_array", "|u1", (3, 5, 6), (8, 8, 8), Zlib(level=1), ".", None),
              ("u1_2d", "|u1", (11, 13), (4, 5), Blosc(cname="lz4"), ".", None),
              ("u2_5d_tczyx", "<u2", (1, 1, 4, 6, 5), (1, 1, 3, 4, 4), GZip(level=1), "/", None),
            ]
            manifest = []
            for name, dt, shape, chunks, comp, sep, fill in cases:
                native = np.dtype(dt).newbyteorder("=")
                if native.kind == "f":
                    data = (rng.standard_normal(shape) * 1000).astype(dt)
                else:
                    info = np.iinfo(native)
                    data = rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=native).astype(dt)
                z = zarr.open(name + ".zarr", mode="w", shape=shape, chunks=chunks, dtype=dt, compressor=comp,
                              fill_value=0 if fill is None else fill, dimension_separator=sep)
                if fill is None:
                    z[...] = data
                else:
                    # only the first chunk layer along z is written: the other chunks stay missing
                    z[0:chunks[0]] = data[0:chunks[0]]
                    full = np.full(shape, fill, dtype=dt)
                    full[0:chunks[0]] = data[0:chunks[0]]
                    data = full
                data.astype(np.dtype(dt).newbyteorder("<")).tofile(name + ".expected")
                manifest.append({"name": name, "dtype": native.name, "shape": list(shape)})
            print(json.dumps(manifest))
            """;

    private static final String GROUPS = """
            import json, numpy as np, zarr
            from numcodecs import Blosc
            rng = np.random.default_rng(99)
            def group(name, axes, scales, translation, data, lead):
                g = zarr.open_group(name, mode="w")
                datasets = []
                for k, scale in enumerate(scales):
                    level = np.ascontiguousarray(data[::2**k, ::2**k, ::2**k])
                    arr = level.reshape((1,) * lead + level.shape)
                    z = g.create_dataset(str(k), shape=arr.shape, chunks=(1,) * lead + (4, 4, 4), dtype=arr.dtype,
                                         compressor=Blosc(cname="lz4", shuffle=Blosc.SHUFFLE), dimension_separator="/")
                    z[...] = arr
                    level.astype(level.dtype.newbyteorder("<")).tofile("%s.%d.expected" % (name, k))
                    ct = [{"type": "scale", "scale": scale}]
                    if translation and k == 1:
                        ct.append({"type": "translation", "translation": [0.5] * len(scale)})
                    datasets.append({"path": str(k), "coordinateTransformations": ct})
                g.attrs["multiscales"] = [{"version": "0.4", "name": name, "axes": axes, "datasets": datasets}]
            space = lambda unit: [dict(name=a, type="space", **({"unit": unit} if unit else {})) for a in "zyx"]
            u8 = rng.integers(0, 255, size=(9, 14, 11), endpoint=True, dtype=np.uint8)
            group("mm.zarr", space("millimeter"), [[0.01 * 2**k, 0.00791 * 2**k, 0.00791 * 2**k] for k in range(3)], True, u8, 0)
            u16 = rng.integers(0, 65535, size=(8, 8, 12), endpoint=True, dtype=np.uint16).astype(">u2")
            tc = [{"name": "t", "type": "time"}, {"name": "c", "type": "channel"}] + space("nanometer")
            group("tczyx_nm.zarr", tc, [[1.0, 1.0, 2000.0 * 2**k, 500.0 * 2**k, 250.0 * 2**k] for k in range(3)], False, u16, 2)
            f32 = rng.standard_normal((5, 6, 7)).astype("<f4")
            group("nounit.zarr", space(None), [[3.0 * 2**k, 2.0 * 2**k, 2.0 * 2**k] for k in range(3)], False, f32, 0)
            """;
}
