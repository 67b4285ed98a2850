package org.scrollwork.io.vesuvius;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.VoxelSize;

/**
 * A volume package's {@code meta.json} (as written by volume-cartographer):
 * {@code {"uuid", "name", "width", "height", "slices", "voxelsize", "min", "max", "type": "vol"}}.
 * Unknown fields are ignored; {@code width}, {@code height}, {@code slices} are x, y, z.
 *
 * @param voxelsize isotropic voxel size in µm (0 or absent: unknown)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumePackageMeta(String uuid, String name, long width, long height, long slices, double voxelsize,
                                Double min, Double max, String type) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The voxel size when positive. */
    public Optional<VoxelSize> voxelSize() {
        return voxelsize > 0 && !Double.isInfinite(voxelsize) ? Optional.of(VoxelSize.isotropic(voxelsize)) : Optional.empty();
    }

    /** The {@code meta.json} inside {@code path} (a volume directory) or beside it, when one exists. */
    public static Optional<Path> locate(Path path) {
        Path abs = path.toAbsolutePath();
        if (Files.isDirectory(abs) && Files.isRegularFile(abs.resolve("meta.json"))) return Optional.of(abs.resolve("meta.json"));
        Path parent = abs.getParent();
        if (parent != null && Files.isRegularFile(parent.resolve("meta.json"))) return Optional.of(parent.resolve("meta.json"));
        return Optional.empty();
    }

    /** Parses a meta.json; a malformed one throws {@link FormatException} naming it. */
    public static VolumePackageMeta read(Path metaJson) {
        try {
            return JSON.readValue(metaJson.toFile(), VolumePackageMeta.class);
        } catch (IOException e) {
            throw new FormatException(metaJson, "not a volume package meta.json: " + e.getMessage(), e);
        }
    }

    /**
     * Checks width, height, slices against a level-0 shape {@code [x, y, z]}; fields that are 0 are not checked.
     *
     * @throws FormatException naming meta.json on a mismatch
     */
    public void check(Path metaJson, long[] shape) {
        long[] said = {width, height, slices};
        String[] names = {"width", "height", "slices"};
        for (int i = 0; i < 3; i++) {
            if (said[i] > 0 && said[i] != shape[i]) {
                throw new FormatException(metaJson, names[i] + " " + said[i] + " does not match the data's " + shape[i]
                        + " (data shape x, y, z = " + shape[0] + ", " + shape[1] + ", " + shape[2] + ")");
            }
        }
    }
}
