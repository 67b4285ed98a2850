package org.scrollwork.pipeline.ink;

import java.util.SplittableRandom;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.pipeline.run.RegionException;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.pipeline.eval.RecordVoxels;

/**
 * A segment's ink labels as the ink task splits them, one entry per label pixel ({@code x} fastest): whether it is
 * ink, whether the mask marks it valid, and its role: inside the held-out {@link LabelBox} the test, of the rest a
 * seeded tenth in {@value #TILE}×{@value #TILE} tiles for validation (it chooses when training stops and the
 * probability threshold), the others trained. Pixels the mask excludes are {@link Role#UNKNOWN}: neither learned nor scored.
 */
public final class SegmentLabels {
    /** Edge of the validation tiles, in pixels: blocks, so that validation pixels are not all next to trained ones. */
    public static final int TILE = 8;
    /** The fraction of known tiles drawn for validation. */
    public static final double VALIDATION_FRACTION = 0.1;

    private final int nx, ny;
    private final boolean[] ink, valid;
    private final Role[] role;

    private SegmentLabels(int nx, int ny, boolean[] ink, boolean[] valid, Role[] role) {
        this.nx = nx; this.ny = ny; this.ink = ink; this.valid = valid; this.role = role;
    }

    /**
     * The labels of {@code segment} split for the task.
     *
     * @throws RegionException naming the segment when it has no ink labels, or none of its known valid pixels is ink
     */
    public static SegmentLabels split(Segment segment, LabelBox heldOut, long seed) {
        if (segment.inkLabels().isEmpty()) {
            throw new RegionException("segment " + segment.id() + " has no " + segment.id() + "_inklabels.png; the ink task learns from its known labels");
        }
        long[] s = segment.surface().shape();
        int nx = Math.toIntExact(s[0]), ny = Math.toIntExact(s[1]);
        heldOut.checkInside(nx, ny, "segment " + segment.id());
        double[] labels = RecordVoxels.read(segment.inkLabels().get());
        double[] mask = segment.mask().map(RecordVoxels::read).orElse(null);
        boolean[] ink = new boolean[nx * ny], valid = new boolean[nx * ny];
        for (int i = 0; i < ink.length; i++) {
            valid[i] = mask == null || mask[i] > 0;
            ink[i] = valid[i] && labels[i] > 0;
        }
        Role[] role = new Role[nx * ny];
        int tilesX = (nx + TILE - 1) / TILE, tilesY = (ny + TILE - 1) / TILE;
        boolean[] validationTile = validationTiles(valid, heldOut, nx, ny, tilesX, tilesY, seed);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                if (!valid[i]) role[i] = Role.UNKNOWN;
                else if (heldOut.contains(x, y)) role[i] = Role.HELD_OUT;
                else role[i] = validationTile[(y / TILE) * tilesX + x / TILE] ? Role.VALIDATION : Role.TRAIN;
            }
        }
        SegmentLabels out = new SegmentLabels(nx, ny, ink, valid, role);
        if (out.count(Role.TRAIN, true) == 0) {
            throw new RegionException("segment " + segment.id() + ": no trained label pixel outside the label box " + heldOut.spec()
                    + " is ink; the AUNN needs known ink to learn from");
        }
        return out;
    }

    /**
     * A seeded {@value #VALIDATION_FRACTION} of the tiles holding known pixels (at least one tile, and never all of
     * them when there are several): the validation tiles.
     */
    private static boolean[] validationTiles(boolean[] valid, LabelBox heldOut, int nx, int ny, int tilesX, int tilesY, long seed) {
        boolean[] known = new boolean[tilesX * tilesY];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            if (valid[y * nx + x] && !heldOut.contains(x, y)) known[(y / TILE) * tilesX + x / TILE] = true;
        }
        int[] tiles = java.util.stream.IntStream.range(0, known.length).filter(t -> known[t]).toArray();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = tiles.length - 1; i > 0; i--) { // Fisher–Yates
            int j = rnd.nextInt(i + 1), t = tiles[i];
            tiles[i] = tiles[j];
            tiles[j] = t;
        }
        int n = tiles.length < 2 ? 0 : Math.max(1, (int) Math.round(VALIDATION_FRACTION * tiles.length));
        boolean[] out = new boolean[known.length];
        for (int i = 0; i < n; i++) out[tiles[i]] = true;
        return out;
    }

    public int width() { return nx; }

    public int height() { return ny; }

    /** Whether pixel {@code i} ({@code y * width + x}) is ink (false outside the mask). */
    public boolean ink(int i) { return ink[i]; }

    /** Whether the mask marks pixel {@code i} valid. */
    public boolean valid(int i) { return valid[i]; }

    /** The role of pixel {@code i}. */
    public Role role(int i) { return role[i]; }

    /** Pixels of {@code r}; with {@code inkOnly}, only those that are ink. */
    public long count(Role r, boolean inkOnly) {
        long n = 0;
        for (int i = 0; i < role.length; i++) if (role[i] == r && (!inkOnly || ink[i])) n++;
        return n;
    }

    /** Which pixels have role {@code r}. */
    public boolean[] select(Role r) {
        boolean[] out = new boolean[role.length];
        for (int i = 0; i < role.length; i++) out[i] = role[i] == r;
        return out;
    }

    /** The labels as {@code 0}/{@code 1} bytes, repeated over {@code layers} layers (the column's label at every layer of the surface). */
    public byte[] columns(int layers) {
        byte[] out = new byte[nx * ny * layers];
        for (int z = 0; z < layers; z++) for (int i = 0; i < ink.length; i++) out[z * ink.length + i] = (byte) (ink[i] ? 1 : 0);
        return out;
    }
}
