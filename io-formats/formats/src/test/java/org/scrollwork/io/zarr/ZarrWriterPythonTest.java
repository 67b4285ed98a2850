package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.testing.PythonReference;

/**
 * Stores our writer makes, read by zarr-python: every level's values (SHA-256 of the array as
 * little-endian C-order bytes, computed by numpy) and the OME-NGFF 0.4 {@code multiscales} that
 * ome-zarr readers walk (version, axes z/y/x in micrometres, one scale per dataset).
 */
@Tag("python")
class ZarrWriterPythonTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "zarr");
    }

    @TempDir Path dir;

    private static final String READ = """
            import json, hashlib, numpy as np, zarr
            result = {}
            for name in %s:
                g = zarr.open_group(name, mode="r")
                ms = g.attrs["multiscales"][0]
                out = {"version": ms["version"], "axes": ms["axes"], "levels": []}
                for d in ms["datasets"]:
                    a = g[d["path"]]
                    arr = a[...]
                    le = arr.astype(arr.dtype.newbyteorder("<"))
                    out["levels"].append({"path": d["path"], "shape": list(a.shape), "chunks": list(a.chunks),
                        "dtype": arr.dtype.name, "compressor": None if a.compressor is None else a.compressor.codec_id,
                        "sha256": hashlib.sha256(le.tobytes()).hexdigest(), "transforms": d["coordinateTransformations"]})
                result[name] = out
            print(json.dumps(result))
            """;

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "DEFLATE", "GZIP", "ZSTD", "BLOSC_LZ4", "BLOSC_ZSTD"})
    void zarrPythonReadsWhatWeWrite(Compression c) throws Exception {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (DataType t : DataType.values()) {
            if ((t.ordinal() + c.ordinal()) % 2 == 0) types.add(t); // every type meets at least two codecs, every codec three types
        }
        for (DataType t : types) {
            Volume<?> base = randomVolume(t, new long[] {23, 17, 11}, 7L * c.ordinal() + t.ordinal());
            WriteOptions opt = WriteOptions.DEFAULTS.withCompression(c).withChunkShape(8, 5, 4)
                    .withByteOrder(t.ordinal() % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            new OmeZarrFormat().createWriter().write(dir.resolve(t.numpyName() + ".ome.zarr"), Pyramids.build(base, 3), opt);
            names.add("\"" + t.numpyName() + ".ome.zarr\"");
        }
        JsonNode all = new ObjectMapper().readTree(PythonReference.run(dir, READ.formatted(names)));
        for (DataType t : types) {
            Volume<?> base = randomVolume(t, new long[] {23, 17, 11}, 7L * c.ordinal() + t.ordinal());
            check(all.get(t.numpyName() + ".ome.zarr"), Pyramids.build(base, 3), c, t);
        }
    }

    private static void check(JsonNode r, List<Volume<?>> levels, Compression c, DataType t) throws Exception {
        assertEquals("0.4", r.get("version").asText());
        assertEquals("[{\"name\":\"z\",\"type\":\"space\",\"unit\":\"micrometer\"},{\"name\":\"y\",\"type\":\"space\",\"unit\":\"micrometer\"},"
                + "{\"name\":\"x\",\"type\":\"space\",\"unit\":\"micrometer\"}]", r.get("axes").toString());
        assertEquals(3, r.get("levels").size());
        for (int k = 0; k < 3; k++) {
            JsonNode l = r.get("levels").get(k);
            Volume<?> v = levels.get(k);
            long[] s = v.shape();
            assertEquals(String.valueOf(k), l.get("path").asText());
            assertEquals(List.of(s[2], s[1], s[0]), List.of(l.get("shape").get(0).asLong(), l.get("shape").get(1).asLong(), l.get("shape").get(2).asLong()));
            assertEquals(List.of(Math.min(4, s[2]), Math.min(5, s[1]), Math.min(8, s[0])),
                    List.of(l.get("chunks").get(0).asLong(), l.get("chunks").get(1).asLong(), l.get("chunks").get(2).asLong()));
            assertEquals(t.numpyName(), l.get("dtype").asText());
            assertEquals(c == Compression.NONE ? "null" : List.of("zlib", "gzip", "zstd", "blosc", "blosc").get(c.ordinal() - 2),
                    l.get("compressor").asText());
            assertEquals(sha256(v), l.get("sha256").asText(), t + " level " + k + " values");
            double f = 1 << k;
            assertEquals("[{\"type\":\"scale\",\"scale\":[" + 6.5 * f + "," + 3.24 * f + "," + 3.24 * f + "]}]", l.get("transforms").toString());
        }
    }

    static Volume<?> randomVolume(DataType t, long[] shape, long seed) {
        Random rnd = new Random(seed);
        int n = (int) (shape[0] * shape[1] * shape[2]);
        Object a = VoxelArrays.allocate(t, n);
        for (int i = 0; i < n; i++) {
            switch (t) {
                case UINT8: ((byte[]) a)[i] = (byte) rnd.nextInt(); break;
                case UINT16: case INT16: ((short[]) a)[i] = (short) rnd.nextInt(); break;
                case UINT32: ((int[]) a)[i] = rnd.nextInt(); break;
                case FLOAT32: ((float[]) a)[i] = (float) rnd.nextGaussian() * 100; break;
                case FLOAT64: ((double[]) a)[i] = rnd.nextGaussian() * 1e5; break;
                default: throw new AssertionError(t);
            }
        }
        return Volumes.wrap(a, shape, ScanMetadata.builder(t).voxelSizeUm(new VoxelSize(3.24, 3.24, 6.5)).build());
    }

    private static String sha256(Volume<?> v) throws Exception {
        long[] s = v.shape();
        Object arr = ChunkedVolumes.readBlock((Volume) v, new long[3], new int[] {(int) s[0], (int) s[1], (int) s[2]});
        byte[] bytes = VoxelArrays.encode(v.dataType(), arr, ByteOrder.LITTLE_ENDIAN);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
