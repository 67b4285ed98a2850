package org.scrollwork.io.vesuvius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.nrrd.NrrdFormat;
import org.scrollwork.io.nrrd.OracleVolumes;

class VesuviusConventionsTest {
    @TempDir Path dir;

    private static final String META = "{\"uuid\": \"20230205180739\", \"name\": \"scan\", \"width\": 13, \"height\": 9,"
            + " \"slices\": 5, \"voxelsize\": 7.91, \"min\": 0.0, \"max\": 65535.0, \"type\": \"vol\", \"extra\": [1, 2]}";

    @Test
    void parsesMetaJsonAndIgnoresUnknownFields() throws IOException {
        Path m = Files.writeString(dir.resolve("meta.json"), META);
        VolumePackageMeta meta = VolumePackageMeta.read(m);
        assertEquals(13, meta.width());
        assertEquals(5, meta.slices());
        assertEquals("vol", meta.type());
        assertEquals(Optional.of(VoxelSize.isotropic(7.91)), meta.voxelSize());
        FormatException e = assertThrows(FormatException.class, () -> meta.check(m, new long[] {13, 9, 6}));
        assertTrue(e.getMessage().contains("meta.json") && e.getMessage().contains("slices"), e.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"width\": \"wide\"");
        assertThrows(FormatException.class, () -> VolumePackageMeta.read(bad));
    }

    @Test
    void fileHeaderWinsThenMetaJsonThenName() throws IOException {
        Path scroll = Files.createDirectories(dir.resolve("PHerc0332/volumes/20230205180739-3.24um-70keV"));
        ScanMetadata fromFile = ScanMetadata.builder(DataType.UINT8).scanId("fromheader").build();
        Path file = scroll.resolve("00001.tif");
        ScanMetadata e = VesuviusConventions.enrich(scroll, fromFile);
        assertEquals(Optional.of("fromheader"), e.scanId());
        assertEquals(Optional.of("PHerc0332"), e.scrollId());
        assertEquals(Optional.of(VoxelSize.isotropic(3.24)), e.voxelSizeUm());
        assertEquals(Optional.of(70.0), e.beamEnergyKeV());
        Files.writeString(scroll.resolve("meta.json"), META);
        assertEquals(Optional.of(VoxelSize.isotropic(7.91)), VesuviusConventions.enrich(file, fromFile).voxelSizeUm(), "meta.json beside the file");
        ScanMetadata withOwn = fromFile.withVoxelSize(VoxelSize.isotropic(1.5));
        assertEquals(Optional.of(VoxelSize.isotropic(1.5)), VesuviusConventions.enrich(file, withOwn).voxelSizeUm(), "the header wins");
    }

    @Test
    void pyramidLevelsScaleTheNamesVoxelSizeOnlyWhenTheFileHasNone() throws IOException {
        Path p = Files.createDirectories(dir.resolve("Scroll1")).resolve("20231201141544-3.240um-70keV.zarr");
        ScanMetadata level2 = ScanMetadata.builder(DataType.UINT8).resolutionLevel(2).build();
        assertEquals(Optional.of(VoxelSize.isotropic(12.96)), VesuviusConventions.enrich(p, level2).voxelSizeUm());
        ScanMetadata own = level2.withVoxelSize(VoxelSize.isotropic(20));
        assertEquals(Optional.of(VoxelSize.isotropic(20)), VesuviusConventions.enrich(p, own).voxelSizeUm());
    }

    @Test
    void formatsReadAndInfoEnrichAndCrossCheckMetaJson() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("Scroll1"));
        Path p = folder.resolve("20231201141544-3.240um-70keV.nrrd");
        Volume<?> v = OracleVolumes.of(DataType.UINT8, new long[] {13, 9, 5}, VoxelSize.isotropic(1));
        new NrrdFormat().createWriter().write(p, List.of(new Volume<>(cast(v).image(), ScanMetadata.of(DataType.UINT8))),
                org.scrollwork.io.WriteOptions.DEFAULTS);
        ScanMetadata m = Formats.read(p, 0).meta();
        assertEquals(Optional.of("Scroll1"), m.scrollId());
        assertEquals(Optional.of("20231201141544"), m.scanId());
        assertEquals(Optional.of(VoxelSize.isotropic(3.24)), m.voxelSizeUm());
        assertEquals(Optional.of(70.0), Formats.info(p).level(0).meta().beamEnergyKeV());
        Files.writeString(folder.resolve("meta.json"), META.replace("\"slices\": 5", "\"slices\": 6"));
        FormatException e = assertThrows(FormatException.class, () -> Formats.read(p, 0));
        assertTrue(e.getMessage().contains("meta.json"), e.getMessage());
        assertThrows(FormatException.class, () -> Formats.info(p));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Volume<net.imglib2.type.numeric.integer.UnsignedByteType> cast(Volume<?> v) { return (Volume) v; }
}
