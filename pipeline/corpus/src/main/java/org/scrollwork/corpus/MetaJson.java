package org.scrollwork.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.scrollwork.io.VoxelSize;

/** JSON forms of {@link RecordMeta}: in the manifest, and the bytes of a METADATA record. Keys in a fixed order. */
final class MetaJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private MetaJson() {}

    static ObjectNode write(RecordMeta m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("modality", m.modality());
        m.scrollId().ifPresent(v -> o.put("scrollId", v));
        m.scanId().ifPresent(v -> o.put("scanId", v));
        m.voxelSizeUm().ifPresent(v -> o.set("voxelSizeUm", MAPPER.createArrayNode().add(v.xUm()).add(v.yUm()).add(v.zUm())));
        m.beamEnergyKeV().ifPresent(v -> o.put("beamEnergyKeV", v));
        o.put("resolutionLevel", m.resolutionLevel());
        m.sourcePath().ifPresent(v -> o.put("sourcePath", v));
        m.sourceChecksum().ifPresent(v -> o.put("sourceChecksum", v));
        return o;
    }

    static RecordMeta read(JsonNode o) {
        Optional<VoxelSize> vs = Optional.empty();
        if (o.has("voxelSizeUm")) {
            JsonNode a = o.get("voxelSizeUm");
            vs = Optional.of(new VoxelSize(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble()));
        }
        return new RecordMeta(o.get("modality").asText(), text(o, "scrollId"), text(o, "scanId"), vs,
                o.has("beamEnergyKeV") ? Optional.of(o.get("beamEnergyKeV").asDouble()) : Optional.empty(),
                o.path("resolutionLevel").asInt(0), text(o, "sourcePath"), text(o, "sourceChecksum"));
    }

    private static Optional<String> text(JsonNode o, String key) {
        return o.has(key) ? Optional.of(o.get(key).asText()) : Optional.empty();
    }

    static ArrayNode extent(Extent e) { return MAPPER.createArrayNode().add(e.x()).add(e.y()).add(e.z()); }

    static Extent extent(JsonNode a) { return new Extent(a.get(0).asLong(), a.get(1).asLong(), a.get(2).asLong()); }

    /**
     * The bytes of the METADATA record written just before a data record: compact UTF-8 JSON with
     * {@code record, kind, dtype, shape, paddedShape, alignedWith?} followed by the caller's metadata.
     */
    static byte[] metadataRecordBytes(int dataRecordId, RecordKind kind, org.scrollwork.io.DataType dtype, Extent shape, Extent padded,
            int alignedWith, RecordMeta meta) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("record", dataRecordId);
        o.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        o.put("dtype", dtype.numpyName());
        o.set("shape", extent(shape));
        o.set("paddedShape", extent(padded));
        if (alignedWith >= 0) o.put("alignedWith", alignedWith);
        o.setAll(write(meta));
        try {
            return MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise metadata", e);
        }
    }
}
