package org.scrollwork.io;

/**
 * What a parser learns about one resolution level without reading voxels.
 *
 * @param shape voxels per axis, {@code [x, y, z]}
 * @param chunkShape the storage unit per axis ({@code [x, y, 1]} for a slice per page, a Zarr chunk, ...)
 * @param meta the level's metadata
 */
public record LevelInfo(long[] shape, int[] chunkShape, ScanMetadata meta) {
    public LevelInfo {
        if (shape.length != 3 || chunkShape.length != 3) throw new IllegalArgumentException("shape and chunk shape are [x, y, z]");
        shape = shape.clone();
        chunkShape = chunkShape.clone();
    }

    @Override public long[] shape() { return shape.clone(); }

    @Override public int[] chunkShape() { return chunkShape.clone(); }
}
