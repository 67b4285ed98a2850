package org.scrollwork.phantom;

import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a phantom scroll. Same config (seed included) gives identical bytes.
 * Lengths given in voxels are voxels of the fine scan; physical lengths are in micrometres.
 *
 * <p>The scroll fills the cross-section: its outermost wind reaches {@value #FILL} of the half-width
 * (less the z wobble), and the core radius is what remains after {@code winds} winds of
 * {@code sheetThickness + gap}. The constructor rejects configs whose core would be thinner than
 * one sheet; {@link #forSize} picks the number of winds that fits.
 *
 * @param sizeX               fine-scan voxels across (x)
 * @param sizeY               fine-scan voxels across (y)
 * @param sizeZ               fine-scan voxels along the scroll axis (z)
 * @param winds               number of turns of the sheet
 * @param sheetThicknessVoxels mean sheet thickness
 * @param thicknessVariation  relative smooth variation of the thickness (0 = uniform, 0.2 = ±20 %)
 * @param gapVoxels           mean air gap between winds
 * @param seed                seed of every random choice
 * @param text                the text to write, any Unicode; normalized by {@link GreekText#normalize}
 * @param fineVoxelUm         voxel size of the fine scan
 * @param coarseVoxelUm       voxel size of the coarse scan (2x the fine one by default)
 * @param beamEnergiesKeV     beam energies; one scan per energy and resolution
 * @param noise               detector noise: standard deviation of the fine scan at 54 keV as a fraction of
 *                            the papyrus-air grey contrast
 * @param ringArtifact        amplitude of ring artifacts as a fraction of the papyrus-air contrast (0 = none)
 * @param squash              axis ratio of the elliptic squashing of the cross-section (1 = round)
 * @param letterHeightUm      height of a letter on the sheet
 * @param lettersPerLine      letters per line of a text column
 * @param inkContrast         attenuation of fully inked papyrus relative to bare papyrus, minus 1 (0.08 = 8 % denser)
 * @param inkDepthUm          how deep the carbon ink reaches into the recto surface
 * @param cracks              number of cracks through the sheet
 * @param delaminations       number of delaminations (gaps splitting the sheet's layers)
 * @param contrastDrift       contrast that drifts across the volume, as real scans' does: the papyrus-air contrast is
 *                            scaled by {@code 1 + contrastDrift (u - 1/2)} with {@code u} running 0..1 along x and again
 *                            along z (0 = none)
 * @param noiseCorrelation    noise that is not white: each slice's noise is a white field filtered with the kernel
 *                            {@code [c, 1, c]} along x and along y (then rescaled to the same standard deviation), so
 *                            neighbouring voxels' noise is correlated, as after a reconstruction filter; in [0, 1)
 */
public record PhantomConfig(
        int sizeX, int sizeY, int sizeZ,
        double winds, double sheetThicknessVoxels, double thicknessVariation, double gapVoxels,
        long seed, String text,
        double fineVoxelUm, double coarseVoxelUm, List<Double> beamEnergiesKeV,
        double noise, double ringArtifact, double squash,
        double letterHeightUm, int lettersPerLine, double inkContrast, double inkDepthUm,
        int cracks, int delaminations, double contrastDrift, double noiseCorrelation) {

    /** Fraction of the half-width the outermost wind reaches. */
    public static final double FILL = 0.95;
    /** Amplitude of the slow wobble of the scroll's centre along z, as a fraction of the half-width. */
    public static final double WOBBLE = 0.02;

    public PhantomConfig {
        Objects.requireNonNull(text, "text");
        beamEnergiesKeV = List.copyOf(beamEnergiesKeV);
        require(sizeX >= 16 && sizeY >= 16 && sizeZ >= 8, "size must be at least 16 x 16 x 8 voxels: " + sizeX + " x " + sizeY + " x " + sizeZ);
        require((long) sizeX * sizeY * sizeZ <= Integer.MAX_VALUE, "size must hold at most 2^31-1 voxels: " + sizeX + " x " + sizeY + " x " + sizeZ);
        require(winds >= 0.5, "winds must be >= 0.5: " + winds);
        require(sheetThicknessVoxels >= 1, "sheet thickness must be >= 1 voxel: " + sheetThicknessVoxels);
        require(thicknessVariation >= 0 && thicknessVariation <= 0.5, "thickness variation must be in [0, 0.5]: " + thicknessVariation);
        require(gapVoxels >= 0.5, "gap must be >= 0.5 voxel: " + gapVoxels);
        require(fineVoxelUm > 0 && Double.isFinite(fineVoxelUm), "fine voxel size must be positive: " + fineVoxelUm);
        require(coarseVoxelUm >= fineVoxelUm && Double.isFinite(coarseVoxelUm), "coarse voxel size must be >= fine voxel size: " + coarseVoxelUm);
        require(!beamEnergiesKeV.isEmpty(), "at least one beam energy");
        for (double e : beamEnergiesKeV) require(e >= 10 && e <= 500, "beam energy must be in [10, 500] keV: " + e);
        require(beamEnergiesKeV.stream().distinct().count() == beamEnergiesKeV.size(), "beam energies must differ: " + beamEnergiesKeV);
        require(noise >= 0 && noise <= 2, "noise must be in [0, 2]: " + noise);
        require(contrastDrift >= 0 && contrastDrift <= 1, "contrast drift must be in [0, 1]: " + contrastDrift);
        require(noiseCorrelation >= 0 && noiseCorrelation < 1, "noise correlation must be in [0, 1): " + noiseCorrelation);
        require(ringArtifact >= 0 && ringArtifact <= 1, "ring artifact must be in [0, 1]: " + ringArtifact);
        require(squash >= 0.3 && squash <= 1, "squash must be in [0.3, 1]: " + squash);
        require(letterHeightUm >= 2 * fineVoxelUm, "letters must be at least 2 voxels high: " + letterHeightUm + " um");
        require(lettersPerLine >= 1, "letters per line must be >= 1: " + lettersPerLine);
        require(inkContrast >= 0 && inkContrast <= 1, "ink contrast must be in [0, 1]: " + inkContrast);
        require(inkDepthUm > 0 && inkDepthUm <= sheetThicknessVoxels * fineVoxelUm / 2, "ink depth must be in (0, half the sheet]: " + inkDepthUm);
        require(cracks >= 0 && delaminations >= 0, "crack and delamination counts must be >= 0");
        double core = coreRadiusUm(sizeX, sizeY, winds, sheetThicknessVoxels, thicknessVariation, gapVoxels, fineVoxelUm);
        require(core >= sheetThicknessVoxels * fineVoxelUm,
                winds + " winds of " + sheetThicknessVoxels + " + " + gapVoxels + " voxels do not fit in " + sizeX + " x " + sizeY
                + " voxels (core radius " + Math.round(core) + " um); use fewer winds or PhantomConfig.forSize");
        double ratio = fineVoxelUm / coarseVoxelUm;
        require(coarseSize(sizeX, ratio) >= 4 && coarseSize(sizeY, ratio) >= 4 && coarseSize(sizeZ, ratio) >= 2, "coarse scan would be smaller than 4 x 4 x 2 voxels");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("phantom config: " + message);
    }

    private static double coreRadiusUm(int sx, int sy, double winds, double t, double tv, double gap, double um) {
        double half = Math.min(sx, sy) * um / 2;
        return half * (FILL - WOBBLE) - winds * (t + gap) * um - t * (1 + tv) * um / 2;
    }

    /** The defaults: 96 x 96 x 64 voxels at 4 µm, 4 winds, seed 1, the opening of Plato's Apology. */
    public static PhantomConfig defaults() {
        return new PhantomConfig(96, 96, 64, 4, 5, 0.2, 3.5, 1, GreekText.DEFAULT_PASSAGE, 4, 8, List.of(54.0, 70.0),
                0.12, 0.03, 0.8, 44, 12, 0.08, 8, 3, 2, 0, 0);
    }

    /**
     * The defaults with two statistics of real scans the default phantom lacks: contrast drifting by ±15 % across the
     * volume and in-plane correlated noise ({@code c = 0.5}); same noise level.
     */
    public static PhantomConfig realistic() {
        return defaults().toBuilder().contrastDrift(0.3).noiseCorrelation(0.5).build();
    }

    /** The defaults at another size, with as many winds as fit (at least one). */
    public static PhantomConfig forSize(int sizeX, int sizeY, int sizeZ) {
        PhantomConfig d = defaults();
        double pitch = d.sheetThicknessVoxels + d.gapVoxels;
        double half = Math.min(sizeX, sizeY) / 2.0;
        double room = half * (FILL - WOBBLE) - d.sheetThicknessVoxels * (1 + d.thicknessVariation) / 2 - Math.max(d.sheetThicknessVoxels, 0.1 * half);
        double winds = Math.max(1, Math.floor(room / pitch));
        return d.toBuilder().size(sizeX, sizeY, sizeZ).winds(winds).build();
    }

    /** Normalized text (24 capitals) that the phantom writes, as far as the sheet has room. */
    public String normalizedText() { return GreekText.normalize(text); }

    /** The distance between the centrelines of neighbouring winds. */
    public double pitchUm() { return (sheetThicknessVoxels + gapVoxels) * fineVoxelUm; }

    /** Radius of the innermost end of the sheet's centreline (before squashing). */
    public double coreRadiusUm() {
        return coreRadiusUm(sizeX, sizeY, winds, sheetThicknessVoxels, thicknessVariation, gapVoxels, fineVoxelUm);
    }

    /** Voxels of the coarse scan along an axis that has {@code fineVoxels} fine voxels (same physical extent, rounded down). */
    public int coarseSize(int fineVoxels) { return coarseSize(fineVoxels, fineVoxelUm / coarseVoxelUm); }

    private static int coarseSize(int fineVoxels, double ratio) { return (int) Math.floor(fineVoxels * ratio + 1e-9); }

    /** The pyramid level of the coarse scan: log2 of the voxel size ratio, rounded (1 for 8 µm over 4 µm). */
    public int coarseLevel() { return Math.max(1, (int) Math.round(Math.log(coarseVoxelUm / fineVoxelUm) / Math.log(2))); }

    public Builder toBuilder() { return new Builder(this); }

    public PhantomConfig withSeed(long s) { return toBuilder().seed(s).build(); }

    public PhantomConfig withText(String t) { return toBuilder().text(t).build(); }

    /** Builder starting from an existing config; every setter replaces one field. */
    public static final class Builder {
        private int sizeX, sizeY, sizeZ;
        private double winds, sheetThicknessVoxels, thicknessVariation, gapVoxels;
        private long seed;
        private String text;
        private double fineVoxelUm, coarseVoxelUm;
        private List<Double> beamEnergiesKeV;
        private double noise, ringArtifact, squash, letterHeightUm;
        private int lettersPerLine;
        private double inkContrast, inkDepthUm;
        private int cracks, delaminations;
        private double contrastDrift, noiseCorrelation;

        private Builder(PhantomConfig c) {
            sizeX = c.sizeX; sizeY = c.sizeY; sizeZ = c.sizeZ;
            winds = c.winds; sheetThicknessVoxels = c.sheetThicknessVoxels; thicknessVariation = c.thicknessVariation; gapVoxels = c.gapVoxels;
            seed = c.seed; text = c.text; fineVoxelUm = c.fineVoxelUm; coarseVoxelUm = c.coarseVoxelUm; beamEnergiesKeV = c.beamEnergiesKeV;
            noise = c.noise; ringArtifact = c.ringArtifact; squash = c.squash; letterHeightUm = c.letterHeightUm;
            lettersPerLine = c.lettersPerLine; inkContrast = c.inkContrast; inkDepthUm = c.inkDepthUm;
            cracks = c.cracks; delaminations = c.delaminations;
            contrastDrift = c.contrastDrift; noiseCorrelation = c.noiseCorrelation;
        }

        public Builder size(int x, int y, int z) { sizeX = x; sizeY = y; sizeZ = z; return this; }
        public Builder winds(double v) { winds = v; return this; }
        public Builder sheetThicknessVoxels(double v) { sheetThicknessVoxels = v; return this; }
        public Builder thicknessVariation(double v) { thicknessVariation = v; return this; }
        public Builder gapVoxels(double v) { gapVoxels = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder voxelSizesUm(double fine, double coarse) { fineVoxelUm = fine; coarseVoxelUm = coarse; return this; }
        public Builder beamEnergiesKeV(List<Double> v) { beamEnergiesKeV = v; return this; }
        public Builder noise(double v) { noise = v; return this; }
        public Builder ringArtifact(double v) { ringArtifact = v; return this; }
        public Builder squash(double v) { squash = v; return this; }
        public Builder letterHeightUm(double v) { letterHeightUm = v; return this; }
        public Builder lettersPerLine(int v) { lettersPerLine = v; return this; }
        public Builder inkContrast(double v) { inkContrast = v; return this; }
        public Builder inkDepthUm(double v) { inkDepthUm = v; return this; }
        public Builder cracks(int v) { cracks = v; return this; }
        public Builder delaminations(int v) { delaminations = v; return this; }
        public Builder contrastDrift(double v) { contrastDrift = v; return this; }
        public Builder noiseCorrelation(double v) { noiseCorrelation = v; return this; }

        public PhantomConfig build() {
            return new PhantomConfig(sizeX, sizeY, sizeZ, winds, sheetThicknessVoxels, thicknessVariation, gapVoxels, seed, text,
                    fineVoxelUm, coarseVoxelUm, beamEnergiesKeV, noise, ringArtifact, squash, letterHeightUm, lettersPerLine,
                    inkContrast, inkDepthUm, cracks, delaminations, contrastDrift, noiseCorrelation);
        }
    }
}
