package org.scrollwork.phantom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * A tiny test-only format until the real ones land: magic {@code RAWV}, a 4-byte big-endian header
 * length, a JSON header (shape, dtype, metadata), then the voxels little-endian, x fastest.
 */
final class RawTestFormat implements Format {
    private static final byte[] MAGIC = "RAWV".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override public String name() { return "rawtest"; }

    @Override public List<String> extensions() { return List.of(".rawv"); }

    @Override public Checker createChecker() { return new RawChecker(); }

    @Override public Parser createParser() { return new RawParser(); }

    @Override public Reader createReader() { return new RawReader(); }

    @Override public Writer createWriter() { return new RawWriter(); }

    static final class RawChecker implements Checker {
        @Override public boolean isFormat(Path path) {
            try (InputStream in = Files.newInputStream(path)) {
                return Arrays.equals(in.readNBytes(4), MAGIC);
            } catch (IOException e) {
                return false;
            }
        }
    }

    static final class RawParser implements Parser {
        @Override public DatasetInfo parse(Path path) {
            Header h = Header.read(path);
            return new DatasetInfo("rawtest", path, List.of(new LevelInfo(h.shape, new int[] {(int) h.shape[0], (int) h.shape[1], 1}, h.meta)));
        }
    }

    static final class RawReader implements Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new FormatException(path, "single-resolution file has no level " + level);
            Header h = Header.read(path);
            int n = Math.toIntExact(h.shape[0] * h.shape[1] * h.shape[2]);
            long need = (long) h.dataOffset + (long) n * h.meta.dataType().bytesPerVoxel();
            if (h.bytes.length < need) throw new TruncatedFileException(path, need, h.bytes.length, "voxel data");
            ByteBuffer b = ByteBuffer.wrap(h.bytes).position(h.dataOffset);
            return Volumes.wrap(VoxelArrays.decode(h.meta.dataType(), b, n, ByteOrder.LITTLE_ENDIAN), h.shape, h.meta);
        }
    }

    static final class RawWriter implements Writer {
        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            Volume<?> v = levels.get(0);
            long[] s = v.shape();
            Object voxels = ChunkedVolumes.readBlock(v, new long[3], new int[] {(int) s[0], (int) s[1], (int) s[2]});
            ScanMetadata m = v.meta();
            ObjectNode h = JSON.createObjectNode();
            h.putArray("shape").add(s[0]).add(s[1]).add(s[2]);
            h.put("dtype", m.dataType().numpyName());
            m.scrollId().ifPresent(x -> h.put("scrollId", x));
            m.scanId().ifPresent(x -> h.put("scanId", x));
            m.voxelSizeUm().ifPresent(x -> h.putArray("voxelSizeUm").add(x.xUm()).add(x.yUm()).add(x.zUm()));
            m.beamEnergyKeV().ifPresent(x -> h.put("beamEnergyKeV", x));
            h.put("resolutionLevel", m.resolutionLevel());
            ObjectNode p = h.putObject("provenance");
            m.provenance().forEach(p::put);
            byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
            byte[] data = VoxelArrays.encode(m.dataType(), voxels, ByteOrder.LITTLE_ENDIAN);
            ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length);
            out.put(MAGIC).putInt(header.length).put(header).put(data);
            AtomicFiles.writeBytes(path, out.array());
        }
    }

    private static final class Header {
        long[] shape;
        ScanMetadata meta;
        int dataOffset;
        byte[] bytes;

        static Header read(Path path) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + path, e);
            }
            if (bytes.length < 8) throw new TruncatedFileException(path, 8, bytes.length, "preamble");
            if (!Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) throw new FormatException(path, "no RAWV magic");
            int len = ByteBuffer.wrap(bytes, 4, 4).getInt();
            if (len < 0 || 8L + len > bytes.length) throw new TruncatedFileException(path, 8L + Math.max(0, len), bytes.length, "JSON header");
            Header h = new Header();
            try {
                JsonNode j = JSON.readTree(new String(bytes, 8, len, StandardCharsets.UTF_8));
                h.shape = new long[] {j.get("shape").get(0).asLong(), j.get("shape").get(1).asLong(), j.get("shape").get(2).asLong()};
                ScanMetadata.Builder b = ScanMetadata.builder(DataType.fromNumpyName(j.get("dtype").asText()));
                if (j.has("scrollId")) b.scrollId(j.get("scrollId").asText());
                if (j.has("scanId")) b.scanId(j.get("scanId").asText());
                if (j.has("voxelSizeUm")) {
                    JsonNode vs = j.get("voxelSizeUm");
                    b.voxelSizeUm(new VoxelSize(vs.get(0).asDouble(), vs.get(1).asDouble(), vs.get(2).asDouble()));
                }
                if (j.has("beamEnergyKeV")) b.beamEnergyKeV(j.get("beamEnergyKeV").asDouble());
                b.resolutionLevel(j.get("resolutionLevel").asInt());
                Map<String, String> prov = new LinkedHashMap<>();
                j.get("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
                h.meta = b.provenance(prov).build();
            } catch (IOException | RuntimeException e) {
                throw new FormatException(path, "bad JSON header: " + e.getMessage(), e);
            }
            h.dataOffset = 8 + len;
            h.bytes = bytes;
            return h;
        }
    }
}
