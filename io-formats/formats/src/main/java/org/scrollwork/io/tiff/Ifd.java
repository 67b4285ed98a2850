package org.scrollwork.io.tiff;

import java.util.Optional;

/**
 * One TIFF page (image file directory) as far as Scrollwork reads it: geometry, sample type,
 * compression and where its strips or tiles lie. Arrays are shared, not copied: treat them as read-only.
 *
 * @param offset       where the IFD itself starts in the file
 * @param width        ImageWidth
 * @param height       ImageLength
 * @param bitsPerSample first BitsPerSample value (1 when absent, as the specification says)
 * @param sampleFormat first SampleFormat value (1, unsigned integer, when absent)
 * @param samplesPerPixel SamplesPerPixel (1 when absent)
 * @param compression  Compression (1 when absent)
 * @param predictor    Predictor (1 when absent)
 * @param planarConfiguration PlanarConfiguration (1 when absent)
 * @param rowsPerStrip RowsPerStrip, clipped to the height (the height when absent)
 * @param tileWidth    TileWidth, 0 for a stripped page
 * @param tileLength   TileLength, 0 for a stripped page
 * @param dataOffsets  StripOffsets or TileOffsets
 * @param byteCounts   StripByteCounts or TileByteCounts, empty when the file has none
 * @param description  ImageDescription
 * @param xResolution  XResolution in pixels per resolution unit, NaN when absent
 * @param yResolution  YResolution, NaN when absent
 * @param resolutionUnit ResolutionUnit, 0 when absent
 */
record Ifd(long offset, int width, int height, int bitsPerSample, int sampleFormat, int samplesPerPixel, int compression,
           int predictor, int planarConfiguration, int rowsPerStrip, int tileWidth, int tileLength, long[] dataOffsets,
           Optional<long[]> byteCounts, Optional<String> description, double xResolution, double yResolution, int resolutionUnit) {

    boolean tiled() { return tileWidth > 0; }

    /** This page's geometry and type with its pixels in one strip at {@code stripOffset} and no description. */
    Ifd withSingleStrip(long stripOffset, long stripBytes) {
        return new Ifd(offset, width, height, bitsPerSample, sampleFormat, samplesPerPixel, compression, predictor, planarConfiguration,
                height, 0, 0, new long[] {stripOffset}, Optional.of(new long[] {stripBytes}), Optional.empty(), xResolution, yResolution,
                resolutionUnit);
    }

    /** Number of strips or tiles the geometry needs. */
    long blockCount() {
        if (tiled()) return ceilDiv(width, tileWidth) * ceilDiv(height, tileLength);
        return ceilDiv(height, rowsPerStrip);
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
