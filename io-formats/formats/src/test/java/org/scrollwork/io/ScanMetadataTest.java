package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanMetadataTest {
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
}
