package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/** Stores written by zarr-python read voxel for voxel, with every dtype, byte order, codec and layout it offers here. */
@Tag("python")
class ZarrPythonConformanceTest {
    @TempDir Path dir;

    private final OmeZarrFormat format = new OmeZarrFormat();

    @TestFactory
    Stream<DynamicTest> readsEveryArrayZarrPythonWrites() {
        JsonNode manifest = ZarrPythonFixtures.writeArrays(dir);
        assertEquals(20, manifest.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path store = dir.resolve(name + ".zarr");
                DataType t = DataType.fromNumpyName(c.get("dtype").asText());
                int n = c.get("shape").size();
                long[] xyz = {c.get("shape").get(n - 1).asLong(), c.get("shape").get(n - 2).asLong(), n >= 3 ? c.get("shape").get(n - 3).asLong() : 1};
                assertEquals("ome-zarr", Formats.detect(store).name());
                DatasetInfo info = format.createParser().parse(store);
                assertEquals(1, info.levels().size());
                assertEquals(List.of(xyz[0], xyz[1], xyz[2]), List.of(info.level(0).shape()[0], info.level(0).shape()[1], info.level(0).shape()[2]));
                Volume<?> v = format.createReader().read(store);
                assertEquals(t, v.dataType());
                Volume<?> expected = ZarrPythonFixtures.expected(dir.resolve(name + ".expected"), t, xyz);
                assertEquals(0.0, Volumes.maxAbsDifference(expected.image(), v.image()), name);
            }));
        }
        return tests.stream();
    }

    @Test
    void readsMultiscaleGroupsWithUnitsAndLeadingAxes() {
        ZarrPythonFixtures.writeGroups(dir);
        checkGroup("mm.zarr", DataType.UINT8, new long[] {11, 14, 9}, new VoxelSize(7.91, 7.91, 10));
        checkGroup("tczyx_nm.zarr", DataType.UINT16, new long[] {12, 8, 8}, new VoxelSize(0.25, 0.5, 2.0));
        checkGroup("nounit.zarr", DataType.FLOAT32, new long[] {7, 6, 5}, new VoxelSize(2, 2, 3));
        Volume<?> translated = format.createReader().read(dir.resolve("mm.zarr"), 1);
        assertTrue(translated.meta().provenance().get("ome-ngff.translation").contains("ignored"));
    }

    private void checkGroup(String name, DataType t, long[] shape0, VoxelSize vs0) {
        Path store = dir.resolve(name);
        DatasetInfo info = format.createParser().parse(store);
        assertEquals(3, info.levels().size(), name);
        for (int k = 0; k < 3; k++) {
            long f = 1L << k;
            long[] xyz = {(shape0[0] + f - 1) / f, (shape0[1] + f - 1) / f, (shape0[2] + f - 1) / f};
            assertEquals(List.of(xyz[0], xyz[1], xyz[2]), List.of(info.level(k).shape()[0], info.level(k).shape()[1], info.level(k).shape()[2]));
            Volume<?> v = format.createReader().read(store, k);
            assertEquals(k, v.meta().resolutionLevel());
            assertEquals(t, v.dataType());
            VoxelSize vs = v.meta().voxelSizeUm().orElseThrow();
            assertEquals(vs0.xUm() * f, vs.xUm(), 1e-9, name + " level " + k + " x");
            assertEquals(vs0.yUm() * f, vs.yUm(), 1e-9, name + " level " + k + " y");
            assertEquals(vs0.zUm() * f, vs.zUm(), 1e-9, name + " level " + k + " z");
            Volume<?> expected = ZarrPythonFixtures.expected(dir.resolve(name + "." + k + ".expected"), t, xyz);
            assertEquals(0.0, Volumes.maxAbsDifference(expected.image(), v.image()), name + " level " + k);
        }
    }
}
