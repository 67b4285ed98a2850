package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.testing.PythonReference;

/**
 * Zarr v3 read support. Debian's zarr-python 2.13 cannot write Zarr v3, so python lays the stores out by
 * the v3 core spec by hand: numpy makes the C-order bytes, numcodecs (an independent implementation)
 * compresses each chunk, and the expected values are saved beside the store.
 */
class ZarrV3ReadTest {
    @TempDir Path dir;

    private static final String WRITE = """
            import json, os, itertools, numpy as np
            from numcodecs import Blosc, GZip, Zstd
            rng = np.random.default_rng(7)
            def write_array(path, data, chunks, dtype, endian, codec, codec_json, encoding, sep, fill, fill_json, missing=()):
                os.makedirs(path, exist_ok=True)
                expected = data.copy()
                grid = [-(-s // c) for s, c in zip(data.shape, chunks)]
                for idx in itertools.product(*[range(g) for g in grid]):
                    sl = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, data.shape))
                    if idx in missing:
                        expected[sl] = fill
                        continue
                    full = np.full(chunks, fill, dtype=data.dtype)
                    full[tuple(slice(0, s.stop - s.start) for s in sl)] = data[sl]
                    arr = full.astype(full.dtype.newbyteorder("<" if endian == "little" else ">"))
                    raw = codec.encode(arr) if codec is not None else arr.tobytes()
                    key = sep.join(str(i) for i in idx)
                    key = ("c" + sep + key) if encoding == "default" else key
                    os.makedirs(os.path.dirname(os.path.join(path, key)) or path, exist_ok=True)
                    with open(os.path.join(path, key), "wb") as f:
                        f.write(bytes(raw))
                codecs = [{"name": "bytes", "configuration": {"endian": endian}}] + ([codec_json] if codec_json else [])
                meta = {"zarr_format": 3, "node_type": "array", "shape": list(data.shape), "data_type": dtype,
                        "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
                        "chunk_key_encoding": {"name": encoding, "configuration": {"separator": sep}},
                        "fill_value": fill_json, "codecs": codecs, "attributes": {}, "dimension_names": None}
                with open(os.path.join(path, "zarr.json"), "w") as f:
                    json.dump(meta, f)
                expected.astype(expected.dtype.newbyteorder("<")).tofile(path + ".expected")
            u16 = rng.integers(0, 65535, size=(5, 9, 11), endpoint=True, dtype=np.uint16)
            write_array("u16_blosc.zarr", u16, (2, 4, 4), "uint16", "big", Blosc(cname="lz4", shuffle=Blosc.SHUFFLE),
                        {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0}},
                        "default", "/", 7, 7, missing={(1, 1, 1)})
            f32 = rng.standard_normal((4, 6, 5)).astype(np.float32)
            write_array("f32_zstd_v2keys.zarr", f32, (3, 4, 4), "float32", "little", Zstd(level=3),
                        {"name": "zstd", "configuration": {"level": 3, "checksum": False}}, "v2", ".", np.float32(np.pi), "0x40490fdb", missing={(0, 1, 0)})
            u8 = rng.integers(0, 255, size=(3, 7, 6), endpoint=True, dtype=np.uint8)
            write_array("u8_gzip_dotkeys.zarr", u8, (2, 3, 4), "uint8", "little", GZip(level=5),
                        {"name": "gzip", "configuration": {"level": 5}}, "default", ".", 0, 0)
            i16 = rng.integers(-32768, 32767, size=(10, 12), endpoint=True, dtype=np.int16)
            write_array("i16_raw_2d.zarr", i16, (4, 5), "int16", "big", None, None, "default", "/", 0, 0)
            os.makedirs("ngff05.zarr", exist_ok=True)
            img = rng.integers(0, 255, size=(6, 10, 8), endpoint=True, dtype=np.uint8)
            datasets = []
            for k in range(2):
                lvl = np.ascontiguousarray(img[::2**k, ::2**k, ::2**k])
                write_array("ngff05.zarr/s%d" % k, lvl, (4, 4, 4), "uint8", "little", Zstd(level=1),
                            {"name": "zstd", "configuration": {"level": 1, "checksum": False}}, "default", "/", 0, 0)
                datasets.append({"path": "s%d" % k, "coordinateTransformations": [{"type": "scale", "scale": [4.0 * 2**k, 2.0 * 2**k, 2.0 * 2**k]}]})
            axes = [{"name": a, "type": "space", "unit": "micrometer"} for a in "zyx"]
            group = {"zarr_format": 3, "node_type": "group",
                     "attributes": {"ome": {"version": "0.5", "multiscales": [{"name": "img", "axes": axes, "datasets": datasets}]}}}
            with open("ngff05.zarr/zarr.json", "w") as f:
                json.dump(group, f)
            """;

    private final OmeZarrFormat format = new OmeZarrFormat();

    @Tag("python")
    @Test
    void readsV3ArraysLaidOutByTheSpec() {
        PythonReference.assumeAvailable("numpy", "numcodecs");
        PythonReference.run(dir, WRITE);
        check("u16_blosc.zarr", DataType.UINT16, new long[] {11, 9, 5});
        check("f32_zstd_v2keys.zarr", DataType.FLOAT32, new long[] {5, 6, 4});
        check("u8_gzip_dotkeys.zarr", DataType.UINT8, new long[] {6, 7, 3});
        check("i16_raw_2d.zarr", DataType.INT16, new long[] {12, 10, 1});
    }

    @Tag("python")
    @Test
    void readsAnOmeNgff05Group() {
        PythonReference.assumeAvailable("numpy", "numcodecs");
        PythonReference.run(dir, WRITE);
        Path store = dir.resolve("ngff05.zarr");
        assertEquals("ome-zarr", Formats.detect(store).name());
        DatasetInfo info = format.createParser().parse(store);
        assertEquals(2, info.levels().size());
        for (int k = 0; k < 2; k++) {
            long f = 1L << k;
            long[] xyz = {(8 + f - 1) / f, (10 + f - 1) / f, (6 + f - 1) / f};
            Volume<?> v = format.createReader().read(store, k);
            assertEquals(List.of(xyz[0], xyz[1], xyz[2]), List.of(v.shape()[0], v.shape()[1], v.shape()[2]));
            VoxelSize vs = v.meta().voxelSizeUm().orElseThrow();
            assertEquals(2.0 * f, vs.xUm(), 1e-12);
            assertEquals(4.0 * f, vs.zUm(), 1e-12);
            assertEquals("0.5", v.meta().provenance().get("ome-ngff.version"));
            Volume<?> expected = ZarrPythonFixtures.expected(dir.resolve("ngff05.zarr/s" + k + ".expected"), DataType.UINT8, xyz);
            assertEquals(0.0, Volumes.maxAbsDifference(expected.image(), v.image()), "level " + k);
        }
    }

    @Test
    void shardedV3ArraysAreUnsupported() throws IOException {
        Path p = dir.resolve("sharded.zarr");
        Files.createDirectories(p);
        Files.writeString(p.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[8,8,8],\"data_type\":\"uint8\","
                + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[8,8,8]}},\"fill_value\":0,"
                + "\"codecs\":[{\"name\":\"sharding_indexed\",\"configuration\":{}}]}");
        assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(p));
    }

    private void check(String name, DataType t, long[] xyz) {
        Path store = dir.resolve(name);
        assertEquals("ome-zarr", Formats.detect(store).name());
        Volume<?> v = format.createReader().read(store);
        assertEquals(t, v.dataType(), name);
        assertEquals(List.of(xyz[0], xyz[1], xyz[2]), List.of(v.shape()[0], v.shape()[1], v.shape()[2]), name);
        Volume<?> expected = ZarrPythonFixtures.expected(dir.resolve(name + ".expected"), t, xyz);
        assertEquals(0.0, Volumes.maxAbsDifference(expected.image(), v.image()), name);
    }
}
