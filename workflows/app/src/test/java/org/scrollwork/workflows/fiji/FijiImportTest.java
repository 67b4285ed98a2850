package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.Calibration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.zarr.Pyramids;

/** The importers, run headless with macro options, against volumes io-formats wrote from closed forms. */
class FijiImportTest {
    @TempDir Path dir;

    private static final int NX = 13, NY = 7, NZ = 6;

    /** Voxel value at (x, y, z): a closed form that fills uint16 beyond one byte. */
    private static int value(int x, int y, int z) { return (x * 977 + y * 131 + z * 4099) % 65536; }

    private static Volume<?> volume(DataType t, VoxelSize vs) {
        short[] a = new short[NX * NY * NZ];
        for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) a[(z * NY + y) * NX + x] = (short) value(x, y, z);
        return Volumes.wrap(a, new long[] {NX, NY, NZ}, ScanMetadata.builder(t).voxelSizeUm(vs).scrollId("PHercTest").beamEnergyKeV(54.0).build());
    }

    @Test
    void tiffSliceFolderOpensWithItsVoxelsAndCalibration() {
        Path folder = dir.resolve("volume");
        Formats.byName("tiff-slices").orElseThrow().createWriter().write(folder, volume(DataType.UINT16, new VoxelSize(3.24, 3.24, 6.5)));
        ImagePlus imp = MacroRun.run(new ImportTiffFolder(), "folder=[" + folder + "]");
        assertEquals(NX, imp.getWidth());
        assertEquals(NY, imp.getHeight());
        assertEquals(NZ, imp.getStackSize());
        assertEquals(16, imp.getBitDepth());
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) assertEquals(value(x, y, z), imp.getStack().getProcessor(z + 1).get(x, y), "voxel " + x + "," + y + "," + z);
            }
        }
        Calibration c = imp.getCalibration();
        assertEquals("µm", c.getUnit());
        assertEquals(3.24, c.pixelWidth, 1e-9);
        assertEquals(3.24, c.pixelHeight, 1e-9);
        assertEquals(6.5, c.pixelDepth, 1e-9);
    }

    @Test
    void omeZarrLevelOneIsTheMeanOfTwoByTwoByTwoBlocksAtTwiceTheVoxelSize() {
        Path store = dir.resolve("scan.ome.zarr");
        byte[] a = new byte[NX * NY * NZ];
        for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) a[(z * NY + y) * NX + x] = (byte) ((x * 17 + y * 5 + z * 29) % 256);
        Volume<?> base = Volumes.wrap(a, new long[] {NX, NY, NZ}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build());
        List<Volume<?>> levels = Pyramids.build(base, 2);
        Formats.byName("ome-zarr").orElseThrow().createWriter().write(store, levels, org.scrollwork.io.WriteOptions.DEFAULTS);

        String[] choices = VolumeImport.levelChoices(store);
        assertEquals(2, choices.length);
        ImagePlus imp = MacroRun.run(new ImportOmeZarr(), "path=[" + store + "] level=[" + choices[1] + "]");
        int mx = (NX + 1) / 2, my = (NY + 1) / 2, mz = NZ / 2;
        assertEquals(mx, imp.getWidth());
        assertEquals(my, imp.getHeight());
        assertEquals(mz, imp.getStackSize());
        assertEquals(8, imp.getBitDepth());
        for (int z = 0; z < mz; z++) {
            for (int y = 0; y < my; y++) {
                for (int x = 0; x < mx; x++) {
                    double sum = 0;
                    int n = 0;
                    for (int dz = 0; dz < 2; dz++) for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
                        int xx = 2 * x + dx, yy = 2 * y + dy, zz = 2 * z + dz;
                        if (xx < NX && yy < NY && zz < NZ) { sum += a[(zz * NY + yy) * NX + xx] & 0xff; n++; }
                    }
                    assertEquals(Math.round(sum / n), imp.getStack().getProcessor(z + 1).get(x, y), "voxel " + x + "," + y + "," + z);
                }
            }
        }
        assertEquals("µm", imp.getCalibration().getUnit());
        assertEquals(8.0, imp.getCalibration().pixelWidth, 1e-9);
        assertEquals(8.0, imp.getCalibration().pixelDepth, 1e-9);
        // a bare number works in a hand-written macro too
        assertEquals(NX, MacroRun.run(new ImportOmeZarr(), "path=[" + store + "] level=0").getWidth());
    }

    @Test
    void signedShortsSurviveTheRoundTripThroughImageJ() {
        short[] a = {-32768, -1, 0, 1, 32767, -12345};
        Volume<?> v = Volumes.wrap(a, new long[] {3, 2, 1}, ScanMetadata.of(DataType.INT16));
        ImagePlus imp = ImagePlusVolumes.toImagePlus(v, "s", new ImageJProgress());
        assertEquals(-12345, imp.getCalibration().getCValue(imp.getProcessor().get(2, 1)), 1e-9);
        Volume<?> back = ImagePlusVolumes.toVolume(imp);
        assertEquals(DataType.INT16, back.dataType());
        assertEquals(0.0, Volumes.maxAbsDifference(v.image(), back.image()));
    }

    @Test
    void headlessWithoutOptionsSaysHowToPassThem() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImportTiffFolder().execute(new ImageJProgress()));
        assertTrue(e.getMessage().contains("folder="), e.getMessage());
    }
}
