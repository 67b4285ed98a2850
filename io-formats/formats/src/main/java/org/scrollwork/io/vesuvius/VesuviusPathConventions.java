package org.scrollwork.io.vesuvius;

import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.PathConventions;
import org.scrollwork.io.ScanMetadata;

/**
 * The Vesuvius Challenge conventions as {@link org.scrollwork.io.Formats} applies them (registered in
 * {@code META-INF/services}): metadata from {@link VesuviusConventions#enrich}, and a {@link VolumePackage} named as
 * such when given where a volume is expected.
 */
public final class VesuviusPathConventions implements PathConventions {
    @Override public ScanMetadata enrich(Path path, ScanMetadata fromFile, Optional<long[]> level0Shape) {
        return VesuviusConventions.enrich(path, fromFile, level0Shape);
    }

    @Override public Optional<String> notAVolume(Path path) {
        return VolumePackage.find(path).map(pkg -> "is a volume package (volumes: " + String.join(", ", pkg.volumes())
                + "); give one of its volume folders, " + pkg.root().resolve(VolumePackage.VOLUMES) + "/<id>/, or --volume ID");
    }
}
