package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Format} keeps, run once per implementation (as N5's AbstractN5Test):
 * round trips of every supported type, detection by content, metadata kept, atomic writes, and
 * typed errors for truncated and corrupted files.
 */
public abstract class FormatContractTest {

    @TempDir protected Path dir;

    /** The format under test. */
    protected abstract Format format();

    /** A file name (with extension) this format writes. */
    protected abstract String fileName();

    /** Data types the format stores. */
    protected abstract List<DataType> supportedTypes();

    /**
     * The regular files inside a written dataset that hold voxel data or headers, to truncate and
     * corrupt (for single-file formats, the file itself).
     */
    protected List<Path> dataFiles(Path written) throws IOException {
        if (Files.isRegularFile(written)) return List.of(written);
        try (Stream<Path> s = Files.walk(written)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Whether voxel size survives a round trip in this format. */
    protected boolean storesVoxelSize() { return true; }

    /** The number of slices the test volumes have where a test asks for {@code z}: one for single-image formats (PNG). */
    protected long slices(long z) { return z; }

    /** A volume whose voxel values encode their coordinates, so layout errors show. */
    protected static Volume<?> coordinateVolume(DataType t, long[] shape, VoxelSize vs) {
        int n = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        Object arr = VoxelArrays.allocate(t, n);
        int i = 0;
        for (long z = 0; z < shape[2]; z++) {
            for (long y = 0; y < shape[1]; y++) {
                for (long x = 0; x < shape[0]; x++, i++) {
                    long v = x + 7 * y + 31 * z;
                    switch (t) {
                        case UINT8: ((byte[]) arr)[i] = (byte) v; break;
                        case UINT16: ((short[]) arr)[i] = (short) (v * 101); break;
                        case INT16: ((short[]) arr)[i] = (short) (v * 37 - 1000); break;
                        case UINT32: ((int[]) arr)[i] = (int) (v * 100_003L); break;
                        case FLOAT32: ((float[]) arr)[i] = (float) (v * 0.5 - 3.25); break;
                        case FLOAT64: ((double[]) arr)[i] = v * 0.25 - 1e-3; break;
                        default: throw new AssertionError(t);
                    }
                }
            }
        }
        return Volumes.wrap(arr, shape, ScanMetadata.builder(t).voxelSizeUm(vs).build());
    }

    protected Path write(Volume<?> v) {
        Path p = dir.resolve(fileName());
        format().createWriter().write(p, v);
        return p;
    }

    @Test
    void roundTripsEveryTypeVoxelForVoxel() {
        long[] shape = {13, 9, slices(5)};
        for (DataType t : supportedTypes()) {
            Volume<?> v = coordinateVolume(t, shape, new VoxelSize(3.24, 3.24, 6.5));
            Path p = dir.resolve(t.numpyName() + "-" + fileName());
            format().createWriter().write(p, v);
            Volume<?> back = format().createReader().read(p);
            assertEquals(t, back.dataType(), "data type of " + t);
            assertEquals(List.of(13L, 9L, slices(5)), List.of(back.shape()[0], back.shape()[1], back.shape()[2]));
            assertEquals(0.0, Volumes.maxAbsDifference(v.image(), back.image()), "voxels of " + t);
            if (storesVoxelSize()) {
                VoxelSize vs = back.meta().voxelSizeUm().orElseThrow();
                assertEquals(3.24, vs.xUm(), 1e-6);
                assertEquals(6.5, vs.zUm(), 1e-6);
            }
        }
    }

    @Test
    void keepsScrollScanAndBeamEnergy() {
        Volume<?> v = coordinateVolume(supportedTypes().get(0), new long[] {5, 4, slices(3)}, VoxelSize.isotropic(7.91));
        ScanMetadata m = v.meta().toBuilder().scrollId("PHerc0332").scanId("20231201141544").beamEnergyKeV(70.0).build();
        Path p = write(new Volume(v.image(), m));
        ScanMetadata back = format().createReader().read(p).meta();
        assertEquals(java.util.Optional.of("PHerc0332"), back.scrollId());
        assertEquals(java.util.Optional.of("20231201141544"), back.scanId());
        assertEquals(java.util.Optional.of(70.0), back.beamEnergyKeV());
    }

    @Test
    void parserReportsShapeAndTypeWithoutReadingVoxels() {
        DataType t = supportedTypes().get(0);
        Path p = write(coordinateVolume(t, new long[] {6, 4, slices(3)}, VoxelSize.isotropic(8)));
        DatasetInfo info = format().createParser().parse(p);
        assertEquals(format().name(), info.format());
        assertEquals(List.of(6L, 4L, slices(3)), List.of(info.level(0).shape()[0], info.level(0).shape()[1], info.level(0).shape()[2]));
        assertEquals(t, info.level(0).meta().dataType());
    }

    @Test
    void checkerRecognisesByContentAndFormatsDetectsIt() throws IOException {
        Path p = write(coordinateVolume(supportedTypes().get(0), new long[] {4, 4, slices(2)}, VoxelSize.isotropic(1)));
        assertTrue(format().createChecker().isFormat(p));
        assertEquals(format().name(), Formats.detect(p).name());
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertFalse(format().createChecker().isFormat(junk));
    }

    @Test
    void writeLeavesNoTemporaryFilesAndReplacesAtomically() throws IOException {
        Path p = write(coordinateVolume(supportedTypes().get(0), new long[] {4, 4, slices(2)}, VoxelSize.isotropic(1)));
        write(coordinateVolume(supportedTypes().get(0), new long[] {5, 3, slices(2)}, VoxelSize.isotropic(1)));
        assertEquals(5, format().createReader().read(p).shape()[0]);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(p.getFileName().toString()), s.map(x -> x.getFileName().toString()).toList());
        }
    }

    @Test
    void truncatedFilesGiveTypedErrorsNamingTheFile() throws IOException {
        DataType t = supportedTypes().get(0);
        Path p = write(coordinateVolume(t, new long[] {16, 12, slices(4)}, VoxelSize.isotropic(2)));
        Path backup = dir.resolve("backup");
        copyTree(p, backup);
        for (Path f : dataFiles(p)) {
            byte[] full = Files.readAllBytes(f);
            for (int keep : new int[] {0, full.length / 3, full.length - 1}) {
                if (keep >= full.length) continue;
                Files.write(f, java.util.Arrays.copyOf(full, keep));
                FormatException e = assertThrows(FormatException.class, () -> readFully(p),
                        "truncating " + f.getFileName() + " to " + keep + " bytes");
                assertTrue(e.getMessage().contains(p.getFileName().toString()) || e.getMessage().contains(f.getFileName().toString()),
                        "message names the file: " + e.getMessage());
            }
            Files.write(f, full);
        }
        assertEquals(0.0, Volumes.maxAbsDifference(format().createReader().read(backup).image(), format().createReader().read(p).image()));
    }

    @Test
    void corruptedFilesGiveTypedErrorsOrValidVolumesButNeverOtherExceptions() throws IOException {
        DataType t = supportedTypes().get(0);
        Path p = write(coordinateVolume(t, new long[] {16, 12, slices(4)}, VoxelSize.isotropic(2)));
        Random rnd = new Random(42);
        for (Path f : dataFiles(p)) {
            byte[] full = Files.readAllBytes(f);
            for (int trial = 0; trial < 20; trial++) {
                byte[] bad = full.clone();
                int flips = 1 + rnd.nextInt(8);
                int span = Math.min(bad.length, 64 + rnd.nextInt(Math.max(1, bad.length)));
                for (int k = 0; k < flips && bad.length > 0; k++) bad[rnd.nextInt(span)] ^= (byte) (1 + rnd.nextInt(255));
                Files.write(f, bad);
                try {
                    readFully(p);
                } catch (FormatException expected) {
                    // typed, fine
                } catch (RuntimeException other) {
                    throw new AssertionError("corrupting " + f.getFileName() + " threw " + other, other);
                }
            }
            Files.write(f, full);
        }
    }

    /** Parses and reads every level of a dataset completely. */
    protected void readFully(Path p) {
        DatasetInfo info = format().createParser().parse(p);
        for (int level = 0; level < info.levels().size(); level++) {
            Volume<?> v = format().createReader().read(p, level);
            Volumes.sum(v.image());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : s.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) Files.createDirectories(dst);
                else Files.copy(src, dst);
            }
        }
    }
}
