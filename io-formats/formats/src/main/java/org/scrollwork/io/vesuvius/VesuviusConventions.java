package org.scrollwork.io.vesuvius;

import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

/**
 * Merges what Vesuvius Challenge conventions say about a path into a file's own metadata: the name
 * and parent folders ({@link VesuviusNames}) and a {@code meta.json} inside or beside it
 * ({@link VolumePackageMeta}). Precedence: the file's header, then meta.json, then the name.
 * A voxel size from the name or meta.json describes level 0: for pyramid level n it is scaled by
 * 2^n, and it is used only when the file itself has none.
 */
public final class VesuviusConventions {
    private VesuviusConventions() {}

    /** {@code fromFile} with what it lacks filled in from the path's conventions. */
    public static ScanMetadata enrich(Path path, ScanMetadata fromFile) {
        return enrich(path, fromFile, Optional.empty());
    }

    /**
     * Same as {@link #enrich(Path, ScanMetadata)}, and when {@code level0Shape} is given, checks a
     * meta.json's width/height/slices against it (a mismatch throws a FormatException naming meta.json).
     */
    public static ScanMetadata enrich(Path path, ScanMetadata fromFile, Optional<long[]> level0Shape) {
        ScanMetadata fromName = VesuviusNames.parse(path, fromFile.dataType());
        ScanMetadata fromMeta = ScanMetadata.of(fromFile.dataType());
        Optional<Path> metaJson = VolumePackageMeta.locate(path);
        if (metaJson.isPresent()) {
            VolumePackageMeta m = VolumePackageMeta.read(metaJson.get());
            level0Shape.ifPresent(s -> m.check(metaJson.get(), s));
            ScanMetadata.Builder b = fromMeta.toBuilder().provenance("vesuvius meta.json", metaJson.get().toString());
            m.voxelSize().ifPresent(b::voxelSizeUm);
            fromMeta = b.build();
        }
        ScanMetadata conventions = scaled(fromMeta, fromFile.resolutionLevel()).orElse(scaled(fromName, fromFile.resolutionLevel()));
        return fromFile.orElse(conventions);
    }

    private static ScanMetadata scaled(ScanMetadata m, int level) {
        if (level == 0 || m.voxelSizeUm().isEmpty()) return m;
        double f = Math.pow(2, level);
        VoxelSize vs = m.voxelSizeUm().get().scaled(f, f, f);
        return m.withVoxelSize(vs);
    }
}
