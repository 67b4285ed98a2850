package org.scrollwork.phantom;

/**
 * Attenuation to 8-bit grey levels (the Vesuvius Challenge convention) at a beam energy, plus
 * detector noise and ring artifacts.
 *
 * <p>Contrast follows a photoelectric plus Compton law for light elements,
 * {@code c(E) = 0.6 + 2.4 (30 keV / E)^3}: lower energy, higher contrast (54 keV gives about 28 %
 * more than 70 keV). Grey = {@value #AIR_GREY} + {@value #PAPYRUS_CONTRAST_54} {@code c(E)/c(54)}
 * times attenuation, so nominal papyrus at 54 keV is about 165. Noise is Gaussian with standard
 * deviation {@code noise · 125 · sqrt(c(E)/c(54)) · (fine voxel / voxel)^1.5}: fewer photons get
 * through at low energy, and a coarser voxel averages more of them.
 */
final class XrayModel {
    static final double AIR_GREY = 40;
    static final double PAPYRUS_CONTRAST_54 = 125;

    private XrayModel() {}

    static double contrastFactor(double energyKeV) {
        double r = 30 / energyKeV;
        return (0.6 + 2.4 * r * r * r) / (0.6 + 2.4 * Math.pow(30.0 / 54, 3));
    }

    /** Grey levels between air and nominal papyrus at an energy. */
    static double papyrusAirContrast(double energyKeV) { return PAPYRUS_CONTRAST_54 * contrastFactor(energyKeV); }

    static double noiseSigma(double noise, double energyKeV, double fineVoxelUm, double voxelUm) {
        return noise * PAPYRUS_CONTRAST_54 * Math.sqrt(contrastFactor(energyKeV)) * Math.pow(fineVoxelUm / voxelUm, 1.5);
    }

    /**
     * Ring artifact offset (grey levels) at distance {@code radiusVoxels} from the rotation axis: about one
     * radius in eight carries a ring of random sign and strength up to {@code amplitude · 125}.
     */
    static double ring(long seed, int level, double radiusVoxels, double amplitude) {
        if (amplitude == 0) return 0;
        long ri = (long) radiusVoxels;
        if (ValueNoise.unit(seed ^ 0x414EL, level, ri) > 0.125) return 0;
        return amplitude * PAPYRUS_CONTRAST_54 * (2 * ValueNoise.unit(seed ^ 0x5161L, level, ri) - 1);
    }

    /** Rounds and clamps a grey value to an unsigned byte. */
    static byte toByte(double grey) {
        long g = Math.round(grey);
        return (byte) (g < 0 ? 0 : g > 255 ? 255 : g);
    }
}
