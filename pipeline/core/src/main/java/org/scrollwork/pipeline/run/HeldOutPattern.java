package org.scrollwork.pipeline.run;

import java.util.Locale;

/**
 * Which voxels of the region a run keeps from training ({@code --hold-out}): all planes along the hold-out axis but every
 * K-th ({@link Planes}; the default keeps every second one), a seeded random fraction of the voxels ({@link RandomVoxels}), or a box inside the region
 * ({@link DamagedBox}, a simulated damaged region). {@link #spec()} is the canonical text the run config stores.
 */
public sealed interface HeldOutPattern permits HeldOutPattern.Planes, HeldOutPattern.RandomVoxels, HeldOutPattern.DamagedBox {

    /** Of the voxels a scattered pattern keeps from training, this fraction (seeded, at random) is the validation set; the rest is the test. */
    double VALIDATION_FRACTION = 0.1;

    /** The canonical text: {@code planes}, {@code planes:K}, {@code random:F} or {@code box:X0,Y0,Z0,X1,Y1,Z1}. */
    String spec();

    /**
     * Planes along the hold-out axis: those with index {@code % every == 0} are known (trained), the {@code every - 1}
     * between two known ones (a gap) are kept from training; one gap in four is the validation set
     * ({@code SliceReconstruction.planeSplit}). {@code every} 2 (the default, {@code planes}) holds out every second plane.
     *
     * @param every the spacing K of the known planes, at least 2
     */
    record Planes(int every) implements HeldOutPattern {
        /** The default spacing: every second plane is held out. */
        public static final int DEFAULT_EVERY = 2;

        public Planes {
            if (every < 2) {
                throw new RegionException("--hold-out planes:" + every + ": K is the spacing of the known planes and must be 2 or more "
                        + "(planes:2, the default, holds out every second plane)");
            }
        }

        /** Every second plane held out ({@code planes}). */
        public Planes() { this(DEFAULT_EVERY); }

        @Override public String spec() { return every == DEFAULT_EVERY ? "planes" : "planes:" + every; }

        /** Planes a region needs along the hold-out axis: one gap of {@code every - 1} planes between two known ones. */
        public int minPlanes() { return every + 1; }

        /**
         * Checks that a region with {@code planes} planes along {@code axis} holds one whole gap.
         *
         * @throws RegionException naming the option, the planes it needs and the region's
         */
        public void checkFits(long planes, HoldOutAxis axis, String region) {
            if (planes < minPlanes()) {
                throw new RegionException("--hold-out " + spec() + " needs at least " + minPlanes() + " " + axis.planes() + " along " + axis.letter()
                        + " (a known one on either side of " + (every - 1) + " held out); the region " + region + " has " + planes
                        + ": choose a smaller K, or a region with more " + axis.planes() + " (--crop, z gets half; --box; --center and --size)");
            }
        }
    }

    /** A fraction {@code 0 < fraction < 1} of the region's voxels, drawn with the run's seed. */
    record RandomVoxels(double fraction) implements HeldOutPattern {
        public RandomVoxels {
            if (!(fraction > 0 && fraction < 1)) {
                throw new RegionException("--hold-out random:" + fraction + ": the fraction of voxels held out must lie strictly between 0 and 1 (e.g. random:0.5)");
            }
        }

        @Override public String spec() { return "random:" + fraction; }
    }

    /** The box {@code [x0, x1) × [y0, y1) × [z0, z1)} in the region's own voxel coordinates (0 at the region's corner). */
    record DamagedBox(long x0, long y0, long z0, long x1, long y1, long z1) implements HeldOutPattern {
        public DamagedBox {
            if (x0 < 0 || y0 < 0 || z0 < 0 || x1 <= x0 || y1 <= y0 || z1 <= z0) {
                throw new RegionException("--hold-out box:" + x0 + "," + y0 + "," + z0 + "," + x1 + "," + y1 + "," + z1
                        + ": the box must be non-empty with x0 < x1, y0 < y1, z0 < z1 (ends exclusive) and start at 0 or more");
            }
        }

        @Override public String spec() { return "box:" + x0 + "," + y0 + "," + z0 + "," + x1 + "," + y1 + "," + z1; }

        /** Voxels in the box. */
        public long voxels() { return (x1 - x0) * (y1 - y0) * (z1 - z0); }

        /**
         * Checks that the box lies inside a region of this size (x, y, z), keeping a known voxel around it somewhere.
         *
         * @throws RegionException naming the box and the region's size
         */
        public void checkInside(long[] regionSize) {
            long[] lo = {x0, y0, z0}, hi = {x1, y1, z1};
            for (int a = 0; a < 3; a++) {
                if (hi[a] > regionSize[a]) {
                    throw new RegionException("--hold-out " + spec() + " leaves the region along " + "xyz".charAt(a) + ": the region is "
                            + regionSize[0] + "×" + regionSize[1] + "×" + regionSize[2] + " (x, y, z; coordinates start at its corner), so "
                            + "xyz".charAt(a) + " runs from 0 to at most " + regionSize[a]);
                }
            }
            if (voxels() == regionSize[0] * regionSize[1] * regionSize[2]) {
                throw new RegionException("--hold-out " + spec() + " covers the whole region: nothing is left to train on");
            }
        }
    }

    /**
     * Parses {@code planes}, {@code planes:K}, {@code random:F} or {@code box:X0,Y0,Z0,X1,Y1,Z1} (any case).
     *
     * @throws RegionException naming the option and what it takes
     */
    public static HeldOutPattern parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("planes")) return new Planes();
        if (t.startsWith("planes:")) {
            String k = t.substring("planes:".length()).trim();
            try {
                return new Planes(Integer.parseInt(k));
            } catch (NumberFormatException e) {
                throw new RegionException("--hold-out " + s.trim() + ": K in planes:K is a whole number of 2 or more (the spacing of the known planes), not '" + k + "'");
            }
        }
        if (t.startsWith("random:")) {
            double f;
            try {
                f = Double.parseDouble(t.substring("random:".length()));
            } catch (NumberFormatException e) {
                throw bad(s);
            }
            return new RandomVoxels(f);
        }
        if (t.startsWith("box:")) {
            String[] p = t.substring("box:".length()).split(",", -1);
            if (p.length != 6) {
                throw new RegionException("--hold-out " + s + ": a box is box:X0,Y0,Z0,X1,Y1,Z1 (six numbers, ends exclusive, in the region's voxels); got " + p.length);
            }
            long[] c = new long[6];
            for (int i = 0; i < 6; i++) {
                try {
                    c[i] = Long.parseLong(p[i].trim());
                } catch (NumberFormatException e) {
                    throw bad(s);
                }
            }
            return new DamagedBox(c[0], c[1], c[2], c[3], c[4], c[5]);
        }
        throw bad(s);
    }

    private static RegionException bad(String s) {
        return new RegionException("--hold-out '" + s + "': give planes (every second plane along --hold-out-axis), planes:K (all but every K-th plane), random:F (a fraction 0 < F < 1 "
                + "of the voxels) or box:X0,Y0,Z0,X1,Y1,Z1 (a box in the region's voxels, ends exclusive)");
    }
}
