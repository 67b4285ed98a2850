package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.VoxelSize;

/**
 * The first {@code multiscales} entry of an OME-NGFF 0.4 group's {@code .zattrs}: axes and one dataset
 * per resolution level, finest first. Scales are in Zarr axis order (slowest first).
 *
 * @param version the NGFF version string, {@code ""} if absent
 * @param axes one per array axis; empty for pre-0.4 stores that do not list them
 * @param datasets one per level, finest first
 * @param globalScale the multiscale-wide scale transform, multiplied into every level's, or {@code null}
 */
public record Multiscales(String version, List<Axis> axes, List<Dataset> datasets, double[] globalScale) {

    /** One axis: name ({@code "z"}), type ({@code "space"}, {@code "time"}, {@code "channel"}) and unit. */
    public record Axis(String name, Optional<String> type, Optional<String> unit) {}

    /**
     * One level.
     *
     * @param scale scale transform in Zarr axis order, or {@code null} when the dataset has none
     * @param translation translation transform, or {@code null}; Scrollwork volumes have no origin, so it is ignored (kept in provenance)
     */
    public record Dataset(String path, double[] scale, double[] translation) {}

    /** Micrometres per unit for the OME-NGFF space units Scrollwork converts. */
    static double micrometresPer(String unit) {
        switch (unit) {
            case "angstrom": return 1e-4;
            case "picometer": return 1e-6;
            case "nanometer": return 1e-3;
            case "micrometer": return 1;
            case "millimeter": return 1e3;
            case "centimeter": return 1e4;
            case "meter": return 1e6;
            default: return Double.NaN;
        }
    }

    /**
     * The voxel size of a level in µm, {@code [x, y, z]} from the last three (or two) axes; a missing unit
     * means micrometre. Empty when the level has no scale or a unit is not a known length unit.
     */
    public Optional<VoxelSize> voxelSizeUm(int level) {
        double[] s = datasets.get(level).scale();
        if (s == null) return Optional.empty();
        int n = s.length;
        double[] um = new double[3];
        for (int d = 0; d < 3; d++) {
            int axis = d < 2 ? n - 1 - d : (n >= 3 ? n - 3 : n - 1);
            double f = s[axis] * (globalScale != null && globalScale.length == n ? globalScale[axis] : 1);
            String unit = axes.size() == n ? axes.get(axis).unit().orElse("micrometer") : "micrometer";
            um[d] = f * micrometresPer(unit);
        }
        try {
            return Optional.of(new VoxelSize(um[0], um[1], um[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the first {@code multiscales} entry of a {@code .zattrs} document.
     *
     * @throws FormatException naming the file when the entry is missing or malformed
     */
    public static Multiscales parse(JsonNode attrs, Path file) {
        JsonNode all = attrs.get("multiscales");
        if (all == null || !all.isArray() || all.isEmpty() || !all.get(0).isObject()) {
            throw new FormatException(file, "no \"multiscales\" list (not an OME-NGFF image)");
        }
        JsonNode m = all.get(0);
        String version = m.path("version").asText(attrs.path("version").asText("")); // 0.5 keeps it beside the list
        List<Axis> axes = new ArrayList<>();
        JsonNode ax = m.get("axes");
        if (ax != null && !ax.isNull()) {
            if (!ax.isArray() || ax.size() > 5) throw new FormatException(file, "multiscales axes must be a list of at most 5 axes");
            for (JsonNode a : ax) {
                if (a.isTextual()) axes.add(new Axis(a.asText(), Optional.empty(), Optional.empty()));
                else if (a.isObject() && a.path("name").isTextual()) {
                    axes.add(new Axis(a.get("name").asText(), text(a, "type"), text(a, "unit")));
                } else throw new FormatException(file, "bad axis " + a);
            }
        }
        JsonNode ds = m.get("datasets");
        if (ds == null || !ds.isArray() || ds.isEmpty()) throw new FormatException(file, "multiscales has no datasets");
        List<Dataset> datasets = new ArrayList<>();
        for (JsonNode d : ds) {
            if (!d.isObject() || !d.path("path").isTextual()) throw new FormatException(file, "dataset without a path: " + d);
            double[] scale = transform(d.get("coordinateTransformations"), "scale", file);
            double[] translation = transform(d.get("coordinateTransformations"), "translation", file);
            if (!axes.isEmpty() && scale != null && scale.length != axes.size()) {
                throw new FormatException(file, "dataset " + d.get("path") + " has a scale of " + scale.length + " values for " + axes.size() + " axes");
            }
            datasets.add(new Dataset(d.get("path").asText(), scale, translation));
        }
        double[] global = transform(m.get("coordinateTransformations"), "scale", file);
        return new Multiscales(version, List.copyOf(axes), List.copyOf(datasets), global);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static double[] transform(JsonNode list, String type, Path file) {
        if (list == null || list.isNull()) return null;
        if (!list.isArray()) throw new FormatException(file, "coordinateTransformations must be a list");
        for (JsonNode t : list) {
            if (!type.equals(t.path("type").asText())) continue;
            JsonNode v = t.get(type);
            if (v == null || !v.isArray() || v.isEmpty() || v.size() > 5) throw new FormatException(file, type + " transform needs a list of numbers: " + t);
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                if (!v.get(i).isNumber()) throw new FormatException(file, type + " transform holds a non-number: " + t);
                out[i] = v.get(i).asDouble();
            }
            return out;
        }
        return null;
    }

    /**
     * The {@code .zattrs} document Scrollwork writes: OME-NGFF 0.4, axes z, y, x of type space, datasets
     * {@code "0"}, {@code "1"}, ... with one scale transform each.
     *
     * @param scalesZyx one scale per level, in Zarr order
     * @param micrometres whether the scales are in micrometres (else no unit is written)
     */
    public static ObjectNode toZattrs(String name, List<double[]> scalesZyx, boolean micrometres) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode m = root.putArray("multiscales").addObject();
        m.put("version", "0.4");
        m.put("name", name);
        ArrayNode axes = m.putArray("axes");
        for (String a : new String[] {"z", "y", "x"}) {
            ObjectNode o = axes.addObject().put("name", a).put("type", "space");
            if (micrometres) o.put("unit", "micrometer");
        }
        ArrayNode datasets = m.putArray("datasets");
        for (int i = 0; i < scalesZyx.size(); i++) {
            ObjectNode d = datasets.addObject().put("path", Integer.toString(i));
            ArrayNode scale = d.putArray("coordinateTransformations").addObject().put("type", "scale").putArray("scale");
            for (double s : scalesZyx.get(i)) scale.add(s);
        }
        return root;
    }
}
