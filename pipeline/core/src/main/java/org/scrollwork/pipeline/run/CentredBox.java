package org.scrollwork.pipeline.run;

/**
 * A region given by its centre and size ({@code run --center X,Y,Z --size W,H,D}) instead of its corners ({@code --box}):
 * the box {@code [c − ⌊s/2⌋, c − ⌊s/2⌋ + s)} along each axis, in voxels, ends exclusive. An odd size is centred on voxel
 * {@code c}; an even one on the corner between voxels {@code c − 1} and {@code c}. A box that leaves the volume is refused
 * ({@link #checkInside}), as {@code --box} is: it is not clipped.
 *
 * @param x      centre along x
 * @param y      centre along y
 * @param z      centre along z
 * @param width  size along x, at least 1
 * @param height size along y, at least 1
 * @param depth  size along z, at least 1
 */
public record CentredBox(long x, long y, long z, long width, long height, long depth) {
    public CentredBox {
        if (width < 1 || height < 1 || depth < 1) {
            throw new RegionException("--size " + width + "," + height + "," + depth + ": the region's width, height and depth must be 1 or more voxels");
        }
    }

    /** The box {@code x0,y0,z0,x1,y1,z1} (ends exclusive), as {@code --box} takes it. */
    public long[] box() {
        long x0 = x - width / 2, y0 = y - height / 2, z0 = z - depth / 2;
        return new long[] {x0, y0, z0, x0 + width, y0 + height, z0 + depth};
    }

    /** How the options were given, for messages: {@code --center X,Y,Z --size W,H,D}. */
    public String options() { return "--center " + x + "," + y + "," + z + " --size " + width + "," + height + "," + depth; }

    /**
     * Checks that the box lies inside a volume of this shape (x, y, z) as {@code --box} must.
     *
     * @throws RegionException naming these options, the box they make and the volume's extent when it leaves the volume
     */
    public void checkInside(long[] shape, String source) {
        try {
            Region.box(shape, box(), source, HoldOutAxis.Z, 1);
        } catch (RegionException e) {
            throw new RegionException(options() + ": " + e.getMessage());
        }
    }

    /**
     * The box a run learns from its options: {@code --box}, or {@code --center} with {@code --size}, or null for the
     * centred crop when none is given.
     *
     * @throws RegionException when {@code --center} comes without {@code --size} (or the reverse), with {@code --box}, or
     *                         either has other than three numbers
     */
    public static long[] resolve(long[] box, long[] center, long[] size) {
        if (center == null && size == null) return box;
        if (box != null) {
            throw new RegionException("--box and --center/--size both choose the region: give --box X0,Y0,Z0,X1,Y1,Z1 or --center X,Y,Z --size W,H,D, not both");
        }
        if (center == null) throw new RegionException("--size W,H,D needs --center X,Y,Z (the region's centre voxel)");
        if (size == null) throw new RegionException("--center X,Y,Z needs --size W,H,D (the region's width, height and depth in voxels)");
        return of(center, size).box();
    }

    /**
     * The region of {@code --center X,Y,Z --size W,H,D}.
     *
     * @throws RegionException when either has other than three numbers, or a size is under 1
     */
    public static CentredBox of(long[] center, long[] size) {
        if (center.length != 3) throw new RegionException("--center is X,Y,Z (three numbers, a voxel of the volume); got " + center.length);
        if (size.length != 3) throw new RegionException("--size is W,H,D (three numbers, voxels along x, y, z); got " + size.length);
        return new CentredBox(center[0], center[1], center[2], size[0], size[1], size[2]);
    }
}
