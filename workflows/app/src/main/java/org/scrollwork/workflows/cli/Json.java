package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;

/** JSON views of io-formats values for {@code --json} output and {@code info}. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code info} JSON: format, shape [x,y,z], dtype, voxelSizeUm, energyKeV, ids, levels. */
    public static ObjectNode info(DatasetInfo info) {
        ObjectNode o = MAPPER.createObjectNode();
        LevelInfo l0 = info.level(0);
        o.put("path", info.source());
        o.put("format", info.format());
        o.set("shape", longs(l0.shape()));
        meta(o, l0.meta());
        o.put("levels", info.levels().size());
        ArrayNode levels = o.putArray("pyramid");
        for (int i = 0; i < info.levels().size(); i++) {
            LevelInfo l = info.level(i);
            ObjectNode lo = levels.addObject();
            lo.put("level", i);
            lo.set("shape", longs(l.shape()));
            ArrayNode chunk = lo.putArray("chunkShape");
            for (int c : l.chunkShape()) chunk.add(c);
            l.meta().voxelSizeUm().ifPresent(v -> lo.set("voxelSizeUm", doubles(v.toArray())));
        }
        ObjectNode prov = o.putObject("provenance");
        l0.meta().provenance().forEach(prov::put);
        return o;
    }

    /** Adds the scan metadata fields to an object (absent fields are left out, never invented). */
    public static void meta(ObjectNode o, ScanMetadata m) {
        o.put("dtype", m.dataType().numpyName());
        m.voxelSizeUm().ifPresent(v -> o.set("voxelSizeUm", doubles(v.toArray())));
        m.beamEnergyKeV().ifPresent(e -> o.put("energyKeV", e));
        m.scrollId().ifPresent(s -> o.put("scrollId", s));
        m.scanId().ifPresent(s -> o.put("scanId", s));
        o.put("resolutionLevel", m.resolutionLevel());
    }

    public static ArrayNode longs(long[] a) {
        ArrayNode n = MAPPER.createArrayNode();
        for (long v : a) n.add(v);
        return n;
    }

    public static ArrayNode doubles(double[] a) {
        ArrayNode n = MAPPER.createArrayNode();
        for (double v : a) n.add(v);
        return n;
    }
}
