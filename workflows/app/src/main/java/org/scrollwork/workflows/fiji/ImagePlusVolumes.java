package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Locale;
import java.util.Optional;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.Progress;

/**
 * Converts between Scrollwork {@link Volume}s (ImgLib2 images, axes x, y, z) and ImageJ 1
 * {@link ImagePlus} stacks (slice {@code z + 1} is plane z).
 *
 * <p>Voxel types: uint8 becomes an 8-bit stack, uint16 a 16-bit stack, int16 a 16-bit stack with
 * ImageJ's signed calibration (stored value + 32768, calibration function subtracts it), float32,
 * float64 and uint32 a 32-bit float stack (float64 and uint32 above 2^24 lose precision). Back to a
 * volume: 8-bit is uint8, 16-bit is uint16 (int16 when signed-calibrated), 32-bit is float32; RGB is
 * refused. The voxel size becomes the calibration's pixel width, height and depth in µm (unit
 * {@code "µm"}); a calibration in mm, nm, or microns is converted back to µm, a pixel calibration
 * means no voxel size. Scroll id, scan id and beam energy travel as image properties
 * {@code scrollwork.scrollId}, {@code scrollwork.scanId}, {@code scrollwork.beamEnergyKeV}.
 */
public final class ImagePlusVolumes {
    public static final String UNIT = "µm";
    static final String PROP_SCROLL = "scrollwork.scrollId";
    static final String PROP_SCAN = "scrollwork.scanId";
    static final String PROP_ENERGY = "scrollwork.beamEnergyKeV";
    static final String PROP_LEVEL = "scrollwork.resolutionLevel";

    private ImagePlusVolumes() {}

    /**
     * A stack holding every voxel of a (possibly lazy) volume, read one z slice at a time.
     *
     * @throws IllegalArgumentException if a slice has more than 2^31 - 1 voxels
     * @throws CancelledException if the user cancels between slices (a report to {@code progress} throws it)
     */
    public static ImagePlus toImagePlus(Volume<?> volume, String title, Progress progress) {
        long[] s = volume.shape();
        if (s[0] * s[1] > Integer.MAX_VALUE) throw new IllegalArgumentException("a slice of " + s[0] + "×" + s[1] + " voxels is too large for ImageJ");
        int w = (int) s[0], h = (int) s[1], d = Math.toIntExact(s[2]);
        ImageStack stack = new ImageStack(w, h);
        DataType t = volume.dataType();
        try (Progress.Task task = progress.start("Reading slice", d)) {
            for (int z = 0; z < d; z++) {
                task.advance(z, d, " " + (z + 1) + "/" + d);
                stack.addSlice(null, processor(t, slice(volume, z), w, h));
            }
        }
        ImagePlus imp = new ImagePlus(title, stack);
        if (t == DataType.INT16) imp.getCalibration().setSigned16BitCalibration();
        ScanMetadata m = volume.meta();
        m.voxelSizeUm().ifPresent(v -> calibrate(imp, v));
        m.scrollId().ifPresent(v -> imp.setProp(PROP_SCROLL, v));
        m.scanId().ifPresent(v -> imp.setProp(PROP_SCAN, v));
        m.beamEnergyKeV().ifPresent(v -> imp.setProp(PROP_ENERGY, Double.toString(v)));
        imp.setProp(PROP_LEVEL, Integer.toString(m.resolutionLevel()));
        imp.resetDisplayRange();
        return imp;
    }

    private static <T extends NativeType<T> & RealType<T>> Object slice(Volume<T> v, long z) { return ChunkedVolumes.readSlice(v, z); }

    /** A processor of a slice array (x fastest) of the given voxel type. */
    static ImageProcessor processor(DataType t, Object a, int w, int h) {
        switch (t) {
            case UINT8: return new ByteProcessor(w, h, (byte[]) a);
            case UINT16: return new ShortProcessor(w, h, (short[]) a, null);
            case INT16: {
                short[] src = (short[]) a;
                short[] out = new short[src.length];
                for (int i = 0; i < src.length; i++) out[i] = (short) (src[i] + 32768);
                return new ShortProcessor(w, h, out, null);
            }
            case UINT32: {
                int[] src = (int[]) a;
                float[] out = new float[src.length];
                for (int i = 0; i < src.length; i++) out[i] = (float) (src[i] & 0xffffffffL);
                return new FloatProcessor(w, h, out);
            }
            case FLOAT32: return new FloatProcessor(w, h, (float[]) a);
            case FLOAT64: {
                double[] src = (double[]) a;
                float[] out = new float[src.length];
                for (int i = 0; i < src.length; i++) out[i] = (float) src[i];
                return new FloatProcessor(w, h, out);
            }
            default: throw new AssertionError(t);
        }
    }

    /** Sets pixel width, height and depth in µm. */
    public static void calibrate(ImagePlus imp, VoxelSize v) {
        Calibration c = imp.getCalibration();
        c.pixelWidth = v.xUm();
        c.pixelHeight = v.yUm();
        c.pixelDepth = v.zUm();
        c.setUnit(UNIT);
    }

    /** The voxel size an image's calibration gives, in µm; empty when it is uncalibrated or in an unknown unit. */
    public static Optional<VoxelSize> voxelSize(ImagePlus imp) {
        Calibration c = imp.getCalibration();
        if (!c.scaled()) return Optional.empty();
        double f = micrometresPer(c.getUnit());
        if (Double.isNaN(f)) return Optional.empty();
        return Optional.of(new VoxelSize(c.pixelWidth * f, c.pixelHeight * f, c.pixelDepth * f));
    }

    private static double micrometresPer(String unit) {
        switch (unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT)) {
            case "µm": case "um": case "μm": case "micron": case "microns": case "micrometer": case "micrometre": return 1;
            case "mm": case "millimeter": case "millimetre": return 1000;
            case "nm": case "nanometer": case "nanometre": return 1e-3;
            case "cm": return 1e4;
            default: return Double.NaN;
        }
    }

    /**
     * The image as an in-memory volume (a copy), with its calibration as voxel size and the
     * {@code scrollwork.*} properties as ids and energy.
     *
     * @throws IllegalArgumentException for RGB images or images with channels or frames
     */
    public static Volume<?> toVolume(ImagePlus imp) {
        if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
            throw new IllegalArgumentException("image '" + imp.getTitle() + "' has " + imp.getNChannels() + " channels and " + imp.getNFrames()
                    + " frames; Scrollwork takes one channel, one time point (z slices only)");
        }
        DataType t = dataType(imp);
        int w = imp.getWidth(), h = imp.getHeight(), d = imp.getStackSize();
        int plane = w * h;
        Object all = VoxelArrays.allocate(t, Math.toIntExact((long) plane * d));
        ImageStack stack = imp.getStack();
        for (int z = 0; z < d; z++) {
            Object px = stack.getPixels(z + 1);
            if (t == DataType.INT16) {
                short[] src = (short[]) px;
                short[] dst = (short[]) all;
                for (int i = 0; i < plane; i++) dst[z * plane + i] = (short) ((src[i] & 0xffff) - 32768);
            } else {
                System.arraycopy(px, 0, all, z * plane, plane);
            }
        }
        return Volumes.wrap(all, new long[] {w, h, d}, metadata(imp, t));
    }

    /** The scan metadata an image carries: voxel size from its calibration, ids and energy from its properties. */
    public static ScanMetadata metadata(ImagePlus imp, DataType t) {
        ScanMetadata.Builder b = ScanMetadata.builder(t).voxelSizeUm(voxelSize(imp).orElse(null))
                .scrollId(imp.getProp(PROP_SCROLL)).scanId(imp.getProp(PROP_SCAN));
        String e = imp.getProp(PROP_ENERGY);
        if (e != null) b.beamEnergyKeV(Double.parseDouble(e));
        String level = imp.getProp(PROP_LEVEL);
        if (level != null) b.resolutionLevel(Integer.parseInt(level));
        b.provenance("imagej-title", imp.getTitle());
        return b.build();
    }

    private static DataType dataType(ImagePlus imp) {
        switch (imp.getBitDepth()) {
            case 8: return DataType.UINT8;
            case 16: return imp.getCalibration().isSigned16Bit() ? DataType.INT16 : DataType.UINT16;
            case 32: return DataType.FLOAT32;
            default: throw new IllegalArgumentException("image '" + imp.getTitle() + "' is " + imp.getBitDepth()
                    + "-bit RGB; convert it to 8-, 16- or 32-bit grayscale first");
        }
    }
}
