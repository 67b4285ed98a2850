package org.scrollwork.corpus;

import java.util.Objects;
import java.util.Optional;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

/**
 * What the caller says about a record it appends. The corpus adds what it knows itself (kind, data
 * type, shape, padded shape) and writes the whole as the record's METADATA record. Immutable.
 *
 * @param modality        what the data is: {@code "ct"}, {@code "ink-label"}, {@code "letter-label"}, {@code "text"}, ...
 * @param sourcePath      the file the data came from
 * @param sourceChecksum  a checksum of that file, e.g. {@code "sha256:..."}
 */
public record RecordMeta(
        String modality,
        Optional<String> scrollId,
        Optional<String> scanId,
        Optional<VoxelSize> voxelSizeUm,
        Optional<Double> beamEnergyKeV,
        int resolutionLevel,
        Optional<String> sourcePath,
        Optional<String> sourceChecksum) {

    public RecordMeta {
        Objects.requireNonNull(modality, "modality");
        if (modality.isBlank()) throw new IllegalArgumentException("modality must not be blank");
        Objects.requireNonNull(scrollId, "scrollId");
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(voxelSizeUm, "voxelSizeUm");
        Objects.requireNonNull(beamEnergyKeV, "beamEnergyKeV");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(sourceChecksum, "sourceChecksum");
        if (resolutionLevel < 0) throw new IllegalArgumentException("resolution level must be >= 0: " + resolutionLevel);
    }

    /** Only a modality known. */
    public static RecordMeta of(String modality) {
        return new RecordMeta(modality, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty());
    }

    /**
     * The scan's own metadata, with the source path taken from provenance key {@code "source"} or
     * {@code "path"} when present.
     */
    public static RecordMeta of(String modality, ScanMetadata scan) {
        Optional<String> src = Optional.ofNullable(scan.provenance().get("source")).or(() -> Optional.ofNullable(scan.provenance().get("path")));
        return new RecordMeta(modality, scan.scrollId(), scan.scanId(), scan.voxelSizeUm(), scan.beamEnergyKeV(), scan.resolutionLevel(),
                src, Optional.empty());
    }

    public RecordMeta withScrollId(String v) { return new RecordMeta(modality, Optional.of(v), scanId, voxelSizeUm, beamEnergyKeV, resolutionLevel, sourcePath, sourceChecksum); }
    public RecordMeta withScanId(String v) { return new RecordMeta(modality, scrollId, Optional.of(v), voxelSizeUm, beamEnergyKeV, resolutionLevel, sourcePath, sourceChecksum); }
    public RecordMeta withVoxelSize(VoxelSize v) { return new RecordMeta(modality, scrollId, scanId, Optional.of(v), beamEnergyKeV, resolutionLevel, sourcePath, sourceChecksum); }
    public RecordMeta withBeamEnergyKeV(double v) { return new RecordMeta(modality, scrollId, scanId, voxelSizeUm, Optional.of(v), resolutionLevel, sourcePath, sourceChecksum); }
    public RecordMeta withResolutionLevel(int v) { return new RecordMeta(modality, scrollId, scanId, voxelSizeUm, beamEnergyKeV, v, sourcePath, sourceChecksum); }
    public RecordMeta withSource(String path, String checksum) {
        return new RecordMeta(modality, scrollId, scanId, voxelSizeUm, beamEnergyKeV, resolutionLevel, Optional.of(path), Optional.ofNullable(checksum));
    }

    /** This record's scan metadata for a volume of {@code type}: ids, voxel size, energy and level; absent fields stay absent. */
    public org.scrollwork.io.ScanMetadata toScanMetadata(org.scrollwork.io.DataType type) {
        org.scrollwork.io.ScanMetadata.Builder b = org.scrollwork.io.ScanMetadata.builder(type).resolutionLevel(resolutionLevel);
        scrollId.ifPresent(b::scrollId);
        scanId.ifPresent(b::scanId);
        voxelSizeUm.ifPresent(b::voxelSizeUm);
        beamEnergyKeV.ifPresent(b::beamEnergyKeV);
        sourcePath.ifPresent(v -> b.provenance("source", v));
        return b.build();
    }
}
