package org.scrollwork.phantom;

import java.util.SplittableRandom;

/**
 * Where the sheet is: an Archimedean spiral {@code r = r0 + b θ}, {@code θ ∈ [0, 2π winds]}, in every
 * cross-section, squashed into an ellipse, rotated and shifted slowly along z (the continuous model,
 * in micrometres, independent of any voxel grid).
 *
 * <p>Sheet coordinates: {@code s} is the arc length of the sheet's centreline measured from the
 * <em>outer</em> end (where a reader starts unrolling; the {@code b²} term of the arc length is
 * neglected, under 1 % in the innermost wind), {@code z} is the scroll axis, and {@code d} is the signed
 * radial offset from the centreline in the unsquashed frame: negative towards the core. The
 * recto (inner, written) surface is at {@code d = -thickness/2}.
 */
public final class SpiralGeometry {
    private final double r0, b, thetaMax, centreX, centreY, squash, wobble, lengthZ;
    private final double[] phase = new double[6];

    /** The geometry of a config: its size in µm, winds, pitch and core radius; deformation phases from the seed. */
    public SpiralGeometry(PhantomConfig c) {
        r0 = c.coreRadiusUm();
        b = c.pitchUm() / (2 * Math.PI);
        thetaMax = 2 * Math.PI * c.winds();
        centreX = c.sizeX() * c.fineVoxelUm() / 2;
        centreY = c.sizeY() * c.fineVoxelUm() / 2;
        squash = c.squash();
        wobble = PhantomConfig.WOBBLE * Math.min(c.sizeX(), c.sizeY()) * c.fineVoxelUm() / 2;
        lengthZ = c.sizeZ() * c.fineVoxelUm();
        SplittableRandom rnd = new SplittableRandom(ValueNoise.mix(c.seed() ^ 0x5EA7L));
        for (int i = 0; i < phase.length; i++) phase[i] = rnd.nextDouble(2 * Math.PI);
    }

    /** Length of the sheet's centreline, from outer to inner end. */
    public double sheetLengthUm() { return arc(thetaMax); }

    private double arc(double theta) { return r0 * theta + b * theta * theta / 2; }

    /** The cross-section at height {@code zUm}: its shift, rotation, squash and twist. */
    public Slice slice(double zUm) {
        double t = 2 * Math.PI * zUm / lengthZ;
        double cx = centreX + wobble * Math.sin(0.7 * t + phase[0]);
        double cy = centreY + wobble * Math.sin(0.9 * t + phase[1]);
        double alpha = phase[2] + 0.25 * Math.sin(0.5 * t + phase[3]);
        double q = squash * (1 + 0.04 * Math.sin(0.8 * t + phase[4]));
        double twist = 0.15 * Math.sin(0.6 * t + phase[5]);
        return new Slice(cx, cy, Math.cos(alpha), Math.sin(alpha), q, twist);
    }

    /** A point's sheet coordinates; reused per thread to avoid allocation per voxel. */
    public static final class SheetPoint {
        /** Arc length from the outer end, µm. */
        public double s;
        /** Radial offset from the centreline, µm, negative towards the core. */
        public double d;
        /**
         * False where the nearest wind lies beyond either end of the sheet, or the point lies in the core or
         * outside the roll (then {@code d} is infinite and {@code s} undefined): the point is air.
         */
        public boolean onSheet;
    }

    /** One cross-section of the spiral. */
    public final class Slice {
        private final double cx, cy, cos, sin, q, twist;

        private Slice(double cx, double cy, double cos, double sin, double q, double twist) {
            this.cx = cx; this.cy = cy; this.cos = cos; this.sin = sin; this.q = q; this.twist = twist;
        }

        /** Sheet coordinates of the nearest wind to {@code (x, y)} (µm, volume origin at the first voxel's corner). */
        public void locate(double x, double y, SheetPoint out) {
            double px = x - cx, py = y - cy;
            double u = cos * px + sin * py;
            double v = (-sin * px + cos * py) / q;
            double r = Math.sqrt(u * u + v * v);
            if (r < r0 - b * Math.PI || r > r0 + b * (thetaMax + Math.PI)) {
                // inside the core or outside the roll: more than half a pitch from any wind
                out.onSheet = false;
                out.d = Double.POSITIVE_INFINITY;
                out.s = Double.NaN;
                return;
            }
            double phi = Math.atan2(v, u) - twist;
            phi -= 2 * Math.PI * Math.floor(phi / (2 * Math.PI));
            double k = Math.rint((r - r0 - b * phi) / (2 * Math.PI * b));
            double theta = phi + 2 * Math.PI * k;
            out.d = r - r0 - b * theta;
            out.onSheet = theta >= 0 && theta <= thetaMax;
            out.s = arc(thetaMax) - arc(theta);
        }

        /** The point {@code (x, y)} in µm of sheet coordinates {@code (s, d)}; {@code xy} receives x and y. */
        public void toXY(double s, double d, double[] xy) {
            double a = arc(thetaMax) - s;
            double theta = (-r0 + Math.sqrt(r0 * r0 + 2 * b * a)) / b;
            double r = r0 + b * theta + d;
            double u = r * Math.cos(theta + twist), v = r * Math.sin(theta + twist) * q;
            xy[0] = cos * u - sin * v + cx;
            xy[1] = sin * u + cos * v + cy;
        }
    }
}
