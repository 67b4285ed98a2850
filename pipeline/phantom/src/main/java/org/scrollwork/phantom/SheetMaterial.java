package org.scrollwork.phantom;

import java.util.SplittableRandom;

/**
 * What the sheet is made of, as smooth functions of the sheet coordinates {@code (s, z, d)} in µm
 * ({@code d} here measured from the wavy centreline, i.e. the spiral offset minus {@link #centreOffset}):
 * its waviness (the centreline's offset from the ideal spiral), its local thickness, carbonized density variation, papyrus fibres (horizontal fibres on the recto
 * half, i.e. stripes of constant z running along s; vertical fibres on the verso half, stripes of
 * constant s running along z), cracks through the sheet and delaminations (thin air gaps splitting
 * its layers).
 *
 * <p>Values that a voxel of size {@code w} integrates are given box-filtered over {@code w}
 * ("partial volume"), so the coarse scan is rendered from the same continuous model, not resampled.
 * Attenuation is relative to nominal papyrus (1) and air (0).
 */
final class SheetMaterial {
    private static final int FIBRES = 7;

    private final double halfThickness, variation, maxHalfThickness, waviness;
    private final ValueNoise thicknessNoise, carbonNoise, waveNoise;
    private final double[] rectoFreq = new double[FIBRES], rectoPhase = new double[FIBRES], rectoAmp = new double[FIBRES];
    private final double[] versoFreq = new double[FIBRES], versoPhase = new double[FIBRES], versoAmp = new double[FIBRES];
    /** Per crack: centre s at z0, slope ds/dz, z0, z1, width. */
    private final double[][] cracks;
    /** Per delamination: s0, s1, z0, z1, centre offset d, gap width. */
    private final double[][] delaminations;

    SheetMaterial(PhantomConfig c, double sheetLengthUm) {
        double um = c.fineVoxelUm();
        halfThickness = c.sheetThicknessVoxels() * um / 2;
        variation = c.thicknessVariation();
        maxHalfThickness = halfThickness * (1 + variation);
        thicknessNoise = new ValueNoise(ValueNoise.mix(c.seed() ^ 0x7A1CL));
        carbonNoise = new ValueNoise(ValueNoise.mix(c.seed() ^ 0xCA4BL));
        waveNoise = new ValueNoise(ValueNoise.mix(c.seed() ^ 0x3A7EL));
        waviness = 0.25 * c.gapVoxels() * um;
        SplittableRandom rnd = new SplittableRandom(ValueNoise.mix(c.seed() ^ 0xF1B4EL));
        for (int i = 0; i < FIBRES; i++) {
            rectoFreq[i] = 1 / (2.5 * um + rnd.nextDouble() * 7 * um);
            rectoPhase[i] = rnd.nextDouble(2 * Math.PI);
            rectoAmp[i] = 0.03 + 0.03 * rnd.nextDouble();
            versoFreq[i] = 1 / (2.5 * um + rnd.nextDouble() * 7 * um);
            versoPhase[i] = rnd.nextDouble(2 * Math.PI);
            versoAmp[i] = 0.03 + 0.03 * rnd.nextDouble();
        }
        double height = c.sizeZ() * um;
        cracks = new double[c.cracks()][];
        for (int i = 0; i < cracks.length; i++) {
            double z0 = rnd.nextDouble(0, 0.6) * height;
            cracks[i] = new double[] {rnd.nextDouble(0.1, 0.9) * sheetLengthUm, rnd.nextDouble(-0.3, 0.3), z0,
                z0 + rnd.nextDouble(0.3, 0.7) * height, rnd.nextDouble(1.0, 2.0) * um};
        }
        delaminations = new double[c.delaminations()][];
        for (int i = 0; i < delaminations.length; i++) {
            double s0 = rnd.nextDouble(0.05, 0.8) * sheetLengthUm, z0 = rnd.nextDouble(0, 0.5) * height;
            delaminations[i] = new double[] {s0, s0 + rnd.nextDouble(0.05, 0.15) * sheetLengthUm, z0, z0 + rnd.nextDouble(0.3, 0.5) * height,
                rnd.nextDouble(-0.2, 0.2) * halfThickness, rnd.nextDouble(0.6, 1.2) * um};
        }
    }

    /** Largest half thickness anywhere plus the largest {@link #centreOffset}; points farther from the spiral are air. */
    double maxHalfThickness() { return maxHalfThickness + waviness; }

    /**
     * How far the sheet's centreline is pushed off the ideal spiral at {@code (s, z)} (µm, positive outwards):
     * smooth waviness of at most a quarter of the gap, so neighbouring winds come closer or part but never touch.
     */
    double centreOffset(double s, double z) { return waviness * waveNoise.at(s / 180, z / 140); }

    /** Radial offset of the recto (inner) surface from the ideal spiral at {@code (s, z)}, µm (negative: towards the core). */
    double rectoSurface(double s, double z) { return centreOffset(s, z) - halfThickness(s, z); }

    /** Half the sheet's local thickness at {@code (s, z)}. */
    double halfThickness(double s, double z) {
        return halfThickness * (1 + variation * thicknessNoise.at(s / 150, z / 150));
    }

    /** Carbonized density without fibres: 1 ± 15 %, smooth over about 70 µm. */
    double carbon(double s, double z) { return 1 + 0.15 * carbonNoise.fractal(s / 70, z / 70); }

    /** Horizontal recto fibres: a function of z only, box-filtered over {@code w}. */
    double rectoFibres(double z, double w) {
        double f = 0;
        for (int i = 0; i < FIBRES; i++) f += rectoAmp[i] * boxFilter(rectoFreq[i], w) * Math.cos(2 * Math.PI * rectoFreq[i] * z + rectoPhase[i]);
        return f;
    }

    /** Vertical verso fibres: a function of s only, box-filtered over {@code w}. */
    double versoFibres(double s, double w) {
        double f = 0;
        for (int i = 0; i < FIBRES; i++) f += versoAmp[i] * boxFilter(versoFreq[i], w) * Math.cos(2 * Math.PI * versoFreq[i] * s + versoPhase[i]);
        return f;
    }

    /**
     * {@link #versoFibres} tabulated every {@value #TABLE_STEP_UM} µm over the sheet length, for linear
     * interpolation (error below 0.5 % of the fibre amplitude; saves seven cosines per voxel).
     */
    double[] versoTable(double sheetLengthUm, double w) {
        double[] t = new double[(int) Math.ceil(sheetLengthUm / TABLE_STEP_UM) + 2];
        for (int i = 0; i < t.length; i++) t[i] = versoFibres(i * TABLE_STEP_UM, w);
        return t;
    }

    static final double TABLE_STEP_UM = 0.25;

    /** Linear interpolation in a {@link #versoTable}; {@code s} is clamped to the table. */
    static double lookup(double[] table, double s) {
        double u = Math.max(0, Math.min(table.length - 1.000001, s / TABLE_STEP_UM));
        int i = (int) u;
        return table[i] + (table[i + 1] - table[i]) * (u - i);
    }

    /** Attenuation of a sinusoid of frequency {@code f} by a box filter of width {@code w}: sinc. */
    private static double boxFilter(double f, double w) {
        double x = Math.PI * f * w;
        return x < 1e-9 ? 1 : Math.sin(x) / x;
    }

    /** Fraction of the interval {@code [c - w/2, c + w/2]} that lies in {@code [lo, hi]}. */
    static double overlap(double c, double w, double lo, double hi) {
        double o = Math.min(c + w / 2, hi) - Math.max(c - w / 2, lo);
        return o <= 0 ? 0 : Math.min(1, o / w);
    }

    /** Fraction of a voxel of width {@code w} around {@code s} cut away by cracks at height {@code z}. */
    double crackFraction(double s, double z, double w) {
        double f = 0;
        for (double[] c : cracks) {
            if (z < c[2] || z > c[3]) continue;
            double centre = c[0] + c[1] * (z - c[2]);
            f = Math.max(f, overlap(s, w, centre - c[4] / 2, centre + c[4] / 2));
        }
        return f;
    }

    /** Fraction of a voxel of width {@code w} around {@code d} that a delamination gap leaves empty at {@code (s, z)}. */
    double delaminationFraction(double s, double z, double d, double w) {
        double f = 0;
        for (double[] g : delaminations) {
            if (s < g[0] || s > g[1] || z < g[2] || z > g[3]) continue;
            f = Math.max(f, overlap(d, w, g[4] - g[5] / 2, g[4] + g[5] / 2));
        }
        return f;
    }
}
