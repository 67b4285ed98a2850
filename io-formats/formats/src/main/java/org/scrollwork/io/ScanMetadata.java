package org.scrollwork.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about one scan volume besides its voxels. Immutable. A field the file does not
 * hold is {@link Optional#empty()}: nothing is invented.
 *
 * <p>Axis order of the image is always x, y, z (x fastest on disk where a format has a choice).
 * {@code provenance} keeps free-form facts about where the data came from (source file, format,
 * raw header lines); it is for people to read, never parsed back by code.
 *
 * @param scrollId          scroll identifier, e.g. {@code "PHerc0332"} or {@code "Scroll1"}
 * @param scanId            scan identifier, e.g. {@code "20231201141544"}
 * @param voxelSizeUm       physical voxel size in micrometres
 * @param beamEnergyKeV     X-ray beam energy in keV
 * @param resolutionLevel   0 for full resolution, n for a pyramid level downsampled n times
 * @param dataType          voxel type
 * @param provenance        free-form source facts, insertion-ordered
 */
public record ScanMetadata(
        Optional<String> scrollId,
        Optional<String> scanId,
        Optional<VoxelSize> voxelSizeUm,
        Optional<Double> beamEnergyKeV,
        int resolutionLevel,
        DataType dataType,
        Map<String, String> provenance) {

    public ScanMetadata {
        Objects.requireNonNull(scrollId, "scrollId");
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(voxelSizeUm, "voxelSizeUm");
        Objects.requireNonNull(beamEnergyKeV, "beamEnergyKeV");
        Objects.requireNonNull(dataType, "dataType");
        if (resolutionLevel < 0) throw new IllegalArgumentException("resolution level must be >= 0: " + resolutionLevel);
        beamEnergyKeV.ifPresent(e -> {
            if (!(e > 0) || e.isInfinite()) throw new IllegalArgumentException("beam energy must be positive: " + e);
        });
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Metadata with only a data type known. */
    public static ScanMetadata of(DataType dataType) {
        return new ScanMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, dataType, Map.of());
    }

    public static Builder builder(DataType dataType) { return new Builder(of(dataType)); }

    public Builder toBuilder() { return new Builder(this); }

    public ScanMetadata withDataType(DataType t) { return toBuilder().dataType(t).build(); }

    public ScanMetadata withVoxelSize(VoxelSize v) { return toBuilder().voxelSizeUm(v).build(); }

    public ScanMetadata withResolutionLevel(int level) { return toBuilder().resolutionLevel(level).build(); }

    /** This metadata with one more provenance entry (replacing an entry of the same key). */
    public ScanMetadata withProvenance(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put(key, value);
        return toBuilder().provenance(p).build();
    }

    /**
     * This metadata with every field that {@code other} knows and this one does not taken from
     * {@code other}. Fields this one knows win. Used to merge a file's own header with what a
     * file name or a sidecar says.
     */
    public ScanMetadata orElse(ScanMetadata other) {
        Map<String, String> p = new LinkedHashMap<>(other.provenance);
        p.putAll(provenance);
        return new ScanMetadata(
                scrollId.or(other::scrollId), scanId.or(other::scanId), voxelSizeUm.or(other::voxelSizeUm),
                beamEnergyKeV.or(other::beamEnergyKeV), resolutionLevel, dataType, p);
    }

    /** Builder for {@link ScanMetadata}; values left unset stay absent. */
    public static final class Builder {
        private Optional<String> scrollId;
        private Optional<String> scanId;
        private Optional<VoxelSize> voxelSizeUm;
        private Optional<Double> beamEnergyKeV;
        private int resolutionLevel;
        private DataType dataType;
        private Map<String, String> provenance;

        private Builder(ScanMetadata m) {
            scrollId = m.scrollId;
            scanId = m.scanId;
            voxelSizeUm = m.voxelSizeUm;
            beamEnergyKeV = m.beamEnergyKeV;
            resolutionLevel = m.resolutionLevel;
            dataType = m.dataType;
            provenance = new LinkedHashMap<>(m.provenance);
        }

        public Builder scrollId(String v) { scrollId = Optional.ofNullable(v); return this; }
        public Builder scanId(String v) { scanId = Optional.ofNullable(v); return this; }
        public Builder voxelSizeUm(VoxelSize v) { voxelSizeUm = Optional.ofNullable(v); return this; }
        public Builder beamEnergyKeV(Double v) { beamEnergyKeV = Optional.ofNullable(v); return this; }
        public Builder resolutionLevel(int v) { resolutionLevel = v; return this; }
        public Builder dataType(DataType v) { dataType = v; return this; }
        public Builder provenance(Map<String, String> v) { provenance = new LinkedHashMap<>(v); return this; }
        public Builder provenance(String key, String value) { provenance.put(key, value); return this; }

        public ScanMetadata build() {
            return new ScanMetadata(scrollId, scanId, voxelSizeUm, beamEnergyKeV, resolutionLevel, dataType, provenance);
        }
    }
}
