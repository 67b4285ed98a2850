package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

/**
 * An OME-Zarr store opened from its headers: either an OME-NGFF group (a {@code .zattrs} with
 * {@code multiscales}, one Zarr array per level; or, read-only, an OME-NGFF 0.5 Zarr v3 group whose
 * {@code zarr.json} holds {@code attributes.ome.multiscales}) or a bare Zarr array (a {@code .zarray} or
 * v3 {@code zarr.json} at the root, one level). Opening parses and validates every level's {@code .zarray}; no chunk is read.
 */
public final class OmeZarrStore {
    private final ZarrStore store;
    private final List<ZarrArray> arrays;
    private final List<ScanMetadata> metas;

    private OmeZarrStore(ZarrStore store, List<ZarrArray> arrays, List<ScanMetadata> metas) {
        this.store = store;
        this.arrays = List.copyOf(arrays);
        this.metas = List.copyOf(metas);
    }

    /**
     * Opens a store in a folder.
     *
     * @throws FormatException naming the store (or the bad file inside it) when headers are missing,
     *     malformed, inconsistent or point outside the store
     */
    public static OmeZarrStore open(Path root) {
        if (!Files.isDirectory(root)) throw new FormatException(root, "not a directory (an OME-Zarr store is a directory)");
        return open(new FileZarrStore(root));
    }

    /**
     * Opens a store read through {@code store} (a folder or an HTTP(S) URL): only its metadata documents are read.
     *
     * @throws FormatException naming the store (or the bad document inside it, as a file or URL) when headers are
     *     missing, malformed, inconsistent or point outside the store
     */
    public static OmeZarrStore open(ZarrStore store) {
        try {
            return openNamed(store);
        } catch (FormatException e) {
            throw store.named(e);
        }
    }

    private static OmeZarrStore openNamed(ZarrStore store) {
        Path root = store.path("");
        Optional<JsonNode> zarray = ZarrJson.read(store, ".zarray");
        if (zarray.isPresent()) {
            ZarrArray a = ZarrArray.of(store, "", zarray.get(), 2);
            ScanMetadata m = base(store, a).provenance("zarr.layout", "bare Zarr v2 array, no multiscales").build();
            return new OmeZarrStore(store, List.of(a), List.of(m));
        }
        Path zattrs = store.path(".zattrs");
        Optional<JsonNode> attrsDoc = ZarrJson.read(store, ".zattrs");
        Multiscales ms;
        java.util.Map<String, String> scanAttributes = new java.util.LinkedHashMap<>();
        if (attrsDoc.isEmpty()) {
            Optional<JsonNode> v3doc = ZarrJson.read(store, "zarr.json");
            if (v3doc.isEmpty()) {
                throw new FormatException(root, "not an OME-Zarr store: neither .zarray, .zattrs nor zarr.json (not a Zarr array or OME-NGFF group)");
            }
            Path v3 = store.path("zarr.json");
            JsonNode node = v3doc.get();
            if ("array".equals(node.path("node_type").asText())) {
                ZarrArray a = ZarrArray.of(store, "", node, 3);
                return new OmeZarrStore(store, List.of(a), List.of(base(store, a).provenance("zarr.layout", "bare Zarr v3 array, no multiscales").build()));
            }
            if (node.path("zarr_format").asInt(-1) != 3 || !"group".equals(node.path("node_type").asText())) {
                throw new FormatException(v3, "not a Zarr v3 array or group");
            }
            JsonNode attrs = node.path("attributes");
            zattrs = v3;
            ms = Multiscales.parse(attrs.has("ome") ? attrs.get("ome") : attrs, v3);
        } else {
            Optional<JsonNode> g = ZarrJson.read(store, ".zgroup");
            if (g.isPresent() && g.get().path("zarr_format").asInt(-1) != 2) {
                throw new FormatException(store.path(".zgroup"), "zarr_format must be 2, got " + g.get().get("zarr_format"));
            }
            JsonNode attrsNode = attrsDoc.get();
            ms = Multiscales.parse(attrsNode, zattrs);
            JsonNode sw = attrsNode.path(OmeZarrFormat.SCAN_ATTRIBUTES);
            if (sw.isObject()) sw.fields().forEachRemaining(e -> scanAttributes.put(e.getKey(), e.getValue().asText()));
        }
        List<ZarrArray> arrays = new ArrayList<>();
        List<ScanMetadata> metas = new ArrayList<>();
        for (int i = 0; i < ms.datasets().size(); i++) {
            Multiscales.Dataset d = ms.datasets().get(i);
            String dir = ZarrKeys.normalize(root, d.path());
            store.path(dir); // a folder checks that the directory lies inside it
            ZarrArray a = ZarrArray.open(store, dir);
            int rank = a.metadata().rank();
            if (!ms.axes().isEmpty() && ms.axes().size() != rank) {
                throw new FormatException(zattrs, "multiscales lists " + ms.axes().size() + " axes but dataset '" + d.path() + "' has " + rank);
            }
            if (d.scale() != null && d.scale().length != rank) {
                throw new FormatException(zattrs, "dataset '" + d.path() + "' has a scale of " + d.scale().length + " values for " + rank + " axes");
            }
            ScanMetadata.Builder b = base(store, a).resolutionLevel(i).provenance("zarr.path", d.path());
            org.scrollwork.io.ScanAttributes.apply(scanAttributes, b, zattrs);
            if (!ms.version().isEmpty()) b.provenance("ome-ngff.version", ms.version());
            b.provenance("zarr.format", Integer.toString(a.zarrFormat()));
            Optional<VoxelSize> vs = ms.voxelSizeUm(i);
            vs.ifPresent(b::voxelSizeUm);
            if (d.scale() != null) b.provenance("ome-ngff.scale", java.util.Arrays.toString(d.scale()));
            if (d.scale() != null && vs.isEmpty()) b.provenance("ome-ngff.note", "scale not converted to µm (unknown unit or not positive)");
            if (d.translation() != null) {
                b.provenance("ome-ngff.translation", java.util.Arrays.toString(d.translation()) + " (ignored: volumes have no origin)");
            }
            arrays.add(a);
            metas.add(b.build());
        }
        return new OmeZarrStore(store, arrays, metas);
    }

    private static ScanMetadata.Builder base(ZarrStore store, ZarrArray a) {
        ZarrArrayMetadata m = a.metadata();
        com.fasterxml.jackson.databind.node.ObjectNode c = m.codec().toJson();
        return ScanMetadata.builder(m.dataType())
                .provenance("format", "ome-zarr")
                .provenance("source", store.location())
                .provenance("zarr.dtype", m.dtype())
                .provenance("zarr.compressor", c == null ? "null" : c.toString());
    }

    /** Where the store's keys are read from (a folder or a URL). */
    public ZarrStore store() { return store; }

    public int levelCount() { return arrays.size(); }

    /** The array of a level, 0 = finest. */
    public ZarrArray array(int level) { return arrays.get(checked(level)); }

    /** The metadata of a level. */
    public ScanMetadata meta(int level) { return metas.get(checked(level)); }

    /** What the parser reports for a level: shape and chunk shape {@code [x, y, z]} and metadata. */
    public LevelInfo levelInfo(int level) {
        ZarrArrayMetadata m = array(level).metadata();
        return new LevelInfo(m.shapeXyz(), m.chunkXyz(), meta(level));
    }

    private int checked(int level) {
        if (level < 0 || level >= arrays.size()) {
            throw store.named(new FormatException(store.path(""), "no resolution level " + level + " (the store has " + arrays.size() + ")"));
        }
        return level;
    }
}
