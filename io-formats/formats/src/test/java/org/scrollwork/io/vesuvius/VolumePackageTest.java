package org.scrollwork.io.vesuvius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/** A Volume Cartographer package written by tifffile (big-endian 16-bit ImageJ slices) and json: listing and choosing its volumes. */
class VolumePackageTest {
    @TempDir Path dir;

    /** Writes {@code scroll.volpkg} with the given volumes (5×4×3 each) and two segments; prints each volume's voxels. */
    private List<String> volpkg(String... volumeIds) {
        PythonReference.assumeAvailable("numpy", "tifffile");
        String script = String.join("\n",
                "import json, os, numpy as np, tifffile",
                "root = 'scroll.volpkg'",
                "os.makedirs(root + '/paths/20230503225234/layers', exist_ok=True)",
                "os.makedirs(root + '/paths/20230504093154', exist_ok=True)",
                "json.dump({'name': 'scroll', 'version': 6}, open(root + '/config.json', 'w'))",
                "for k, vid in enumerate(" + Arrays.stream(volumeIds).map(v -> "'" + v + "'").toList() + "):",
                "    d = root + '/volumes/' + vid",
                "    os.makedirs(d)",
                "    a = ((np.arange(3 * 4 * 5).reshape(3, 4, 5) * 4099 + 1000 * k) % 65536).astype(np.uint16)",
                "    for z in range(3):",
                "        tifffile.imwrite(d + '/%03d.tif' % z, a[z], byteorder='>', imagej=True)",
                "    json.dump({'uuid': vid, 'name': vid, 'width': 5, 'height': 4, 'slices': 3, 'voxelsize': 7.91, 'min': 0.0,",
                "               'max': 65535.0, 'type': 'vol'}, open(d + '/meta.json', 'w'))",
                "    print(' '.join(str(v) for v in a.ravel()))",
                "");
        return PythonReference.run(dir, script).lines().toList();
    }

    @Tag("python")
    @Test
    void theOnlyVolumeIsChosenFromThePackageOrItsVolumesFolder() {
        List<String> ref = volpkg("20230205180739");
        Path pkg = dir.resolve("scroll.volpkg");
        VolumePackage p = VolumePackage.find(pkg).orElseThrow();
        assertEquals(List.of("20230205180739"), p.volumes());
        assertEquals(List.of("20230503225234", "20230504093154"), p.segments());
        Path chosen = VolumePackage.resolve(pkg, Optional.empty());
        assertEquals(pkg.resolve("volumes").resolve("20230205180739"), chosen);
        assertEquals(chosen.toAbsolutePath().normalize(), VolumePackage.resolve(pkg.resolve("volumes"), Optional.empty()).toAbsolutePath().normalize());
        Volume<?> v = Formats.read(chosen, 0);
        assertEquals(List.of(5L, 4L, 3L), List.of(v.shape()[0], v.shape()[1], v.shape()[2]));
        assertEquals(7.91, v.meta().voxelSizeUm().orElseThrow().xUm(), 1e-9, "voxel size from meta.json");
        long[] want = Arrays.stream(ref.get(0).split(" ")).mapToLong(Long::parseLong).toArray();
        int i = 0;
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++, i++) assertEquals(want[i], (long) Volumes.get(cast(v), x, y, z), "voxel " + x + "," + y + "," + z);
            }
        }
        // a volume folder is a volume, not a package
        assertTrue(VolumePackage.find(chosen).isEmpty());
        assertEquals(chosen, VolumePackage.resolve(chosen, Optional.empty()));
    }

    @Tag("python")
    @Test
    void anAmbiguousPackageNamesItsVolumesAndVolumeChoosesOne() {
        volpkg("20230205180739", "20230206171837");
        Path pkg = dir.resolve("scroll.volpkg");
        FormatException e = assertThrows(FormatException.class, () -> VolumePackage.resolve(pkg, Optional.empty()));
        assertTrue(e.getMessage().contains("scroll.volpkg") && e.getMessage().contains("20230205180739, 20230206171837")
                && e.getMessage().contains("--volume"), e.getMessage());
        assertEquals(pkg.resolve("volumes").resolve("20230206171837"), VolumePackage.resolve(pkg, Optional.of("20230206171837")));
        FormatException unknown = assertThrows(FormatException.class, () -> VolumePackage.resolve(pkg, Optional.of("nope")));
        assertTrue(unknown.getMessage().contains("no volume 'nope'") && unknown.getMessage().contains("20230206171837"), unknown.getMessage());
        FormatException notPkg = assertThrows(FormatException.class,
                () -> VolumePackage.resolve(pkg.resolve("volumes").resolve("20230205180739"), Optional.of("20230205180739")));
        assertTrue(notPkg.getMessage().contains("not a volume package"), notPkg.getMessage());
        // given straight to a reader, the package is refused with the way out
        FormatException direct = assertThrows(FormatException.class, () -> Formats.detect(pkg));
        assertTrue(direct.getMessage().contains("volume package") && direct.getMessage().contains("--volume"), direct.getMessage());
    }

    @Test
    void aFolderWithoutVolumesIsNoPackage() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertTrue(VolumePackage.find(plain).isEmpty());
        Path emptyVolumes = Files.createDirectories(dir.resolve("other").resolve("volumes"));
        assertTrue(VolumePackage.find(emptyVolumes).isEmpty(), "an empty volumes/ folder is not a package on its own");
        FormatException e = assertThrows(FormatException.class, () -> VolumePackage.resolve(dir.resolve("other"), Optional.empty()));
        assertTrue(e.getMessage().contains("no volumes"), e.getMessage());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.RealType> cast(Volume<?> v) {
        return (net.imglib2.RandomAccessibleInterval) v.image();
    }
}
