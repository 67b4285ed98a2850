package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanMetadataTest {
    @TempDir Path dir;

    @Test
    void orElseFillsOnlyWhatIsAbsentAndTheFileWins() {
        ScanMetadata fromFile = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).provenance("format", "tiff").build();
        ScanMetadata fromName = ScanMetadata.builder(DataType.UINT16).voxelSizeUm(VoxelSize.isotropic(3.24)).beamEnergyKeV(70.0)
                .scanId("20231201141544").provenance("format", "name").build();
        ScanMetadata m = fromFile.orElse(fromName);
        assertEquals(7.91, m.voxelSizeUm().orElseThrow().xUm());
        assertEquals(Optional.of(70.0), m.beamEnergyKeV());
        assertEquals(Optional.of("20231201141544"), m.scanId());
        assertEquals(DataType.UINT8, m.dataType());
        assertEquals("tiff", m.provenance().get("format"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new VoxelSize(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new VoxelSize(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ScanMetadata.builder(DataType.UINT8).beamEnergyKeV(-5.0).build());
        assertThrows(IllegalArgumentException.class, () -> ScanMetadata.builder(DataType.UINT8).resolutionLevel(-1).build());
    }

    @Test
    void volumeChecksThatMetadataMatchesTheImage() {
        Volume<?> v = Volumes.zeros(new long[] {2, 2, 2}, ScanMetadata.of(DataType.FLOAT32));
        assertThrows(IllegalArgumentException.class, () -> new Volume(v.image(), ScanMetadata.of(DataType.UINT8)));
    }

    @Test
    void atomicWriteReplacesAFileAndLeavesNothingBehindOnFailure() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});
        AtomicFiles.writeBytes(target, new byte[] {4});
        assertEquals(1, Files.size(target));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.write(tmp, new byte[] {9, 9});
            throw new IllegalStateException("boom");
        }));
        assertEquals(4, Files.readAllBytes(target)[0], "the old file survives a failed write");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
        AtomicFiles.write(dir.resolve("d"), tmp -> {
            Files.createDirectories(tmp.resolve("x"));
            Files.write(tmp.resolve("x/y"), new byte[] {7});
        });
        AtomicFiles.write(dir.resolve("d"), tmp -> {
            Files.createDirectories(tmp);
            Files.write(tmp.resolve("z"), new byte[] {8});
        });
        assertTrue(Files.exists(dir.resolve("d/z")));
        assertTrue(!Files.exists(dir.resolve("d/x")), "a directory is replaced whole");
    }
}
