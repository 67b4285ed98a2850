package org.scrollwork.io.vesuvius;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

class VesuviusNamesTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "Scroll1/volumes/20231201141544-3.240um-70keV-masked.zarr, Scroll1,    20231201141544, 3.24, 70",
        "data/20230205180739,                                       -,          20230205180739, -,    -",
        "PHerc0332-7.91um-53keV-volume.zarr,                        PHerc0332,  -,              7.91, 53",
        "PHercParis4/volumes/20230205180739/00001.tif,              PHercParis4, 20230205180739, -,   -",
        "PHerc1667/20231107190228-7.910um-88keV.h5,                 PHerc1667,  20231107190228, 7.91, 88",
        "scans/volume_2024.nrrd,                                    -,          -,              -,    -",
        "x/202312011415440-3um.tif,                                 -,          -,              3,    -",
    })
    void parsesWhatTheNameSays(String path, String scroll, String scan, Double um, Double kev) {
        ScanMetadata m = VesuviusNames.parse(Path.of(path), DataType.UINT16);
        assertEquals(Optional.ofNullable(scroll), m.scrollId(), "scroll of " + path);
        assertEquals(Optional.ofNullable(scan), m.scanId(), "scan of " + path);
        assertEquals(Optional.ofNullable(um).map(VoxelSize::isotropic), m.voxelSizeUm(), "voxel size of " + path);
        assertEquals(Optional.ofNullable(kev), m.beamEnergyKeV(), "energy of " + path);
    }
}
