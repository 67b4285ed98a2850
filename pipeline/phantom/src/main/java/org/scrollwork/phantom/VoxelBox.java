package org.scrollwork.phantom;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The voxels one letter occupies in a label volume at one resolution: an inclusive bounding box in
 * voxel indices {@code [x, y, z]} and the number of labelled voxels. An {@link #isEmpty() empty} box
 * (count 0, bounds -1) means the letter left no voxel at that resolution (e.g. it fell into a crack).
 *
 * @param level resolution level of the label volume (0 = fine)
 */
public record VoxelBox(int level, int minX, int minY, int minZ, int maxX, int maxY, int maxZ, long voxelCount) {
    public VoxelBox {
        if (voxelCount < 0) throw new IllegalArgumentException("voxel count must be >= 0: " + voxelCount);
        if (voxelCount > 0 && (minX > maxX || minY > maxY || minZ > maxZ)) {
            throw new IllegalArgumentException("box min must not exceed max: " + minX + "," + minY + "," + minZ + " > " + maxX + "," + maxY + "," + maxZ);
        }
    }

    static VoxelBox empty(int level) { return new VoxelBox(level, -1, -1, -1, -1, -1, -1, 0); }

    @JsonIgnore
    public boolean isEmpty() { return voxelCount == 0; }

    /** True when voxel {@code (x, y, z)} lies in the box. */
    public boolean contains(long x, long y, long z) {
        return !isEmpty() && x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
    }
}
