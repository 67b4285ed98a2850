package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.imglib2.RandomAccessibleInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;

/**
 * Converting OME-Zarr to a format written slice by slice (TIFF, TIFF slices, NRRD) decodes every Zarr chunk once,
 * even when one slab of chunks (all of x and y, one chunk of z) is larger than the reader's chunk cache: the
 * 1 GiB {@code convert} to TIFF of issue 16 decoded each 128³ chunk once per slice, 128 times.
 */
class ZarrSliceWritesDecodeOnceTest {
    @TempDir Path dir;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyChunkIsDecodedOncePerZOrderedCopy() {
        long[] shape = {40, 30, 21};
        byte[] voxels = new byte[40 * 30 * 21];
        new Random(16).nextBytes(voxels);
        Volume<?> source = Volumes.wrap(voxels, shape, ScanMetadata.of(DataType.UINT8));
        Path zarr = dir.resolve("in.ome.zarr");
        new OmeZarrFormat().createWriter().write(zarr, List.of(source), WriteOptions.DEFAULTS.withChunkShape(8, 8, 8));
        OmeZarrStore store = OmeZarrStore.open(zarr);
        ZarrArray array = store.array(0);
        for (String name : List.of("tiff", "tiff-slices", "nrrd")) {
            Format f = Formats.byName(name).orElseThrow();
            Map<List<Long>, Integer> decodes = new ConcurrentHashMap<>();
            // 5 x 4 chunks per slab and a cache of 2 chunks, as a 1024² slab of 128³ chunks is to the 64 MiB cache
            Volume<?> counted = ChunkedVolumes.lazy(shape, new int[] {8, 8, 8}, store.meta(0), (grid, min, size) -> {
                decodes.merge(List.of(grid[0], grid[1], grid[2]), 1, Integer::sum);
                return array.readChunk(grid, size);
            }, 2 * 8 * 8 * 8);
            Path out = dir.resolve("out-" + name + (f.extensions().isEmpty() ? "" : f.extensions().get(0)));
            f.createWriter().write(out, counted);
            assertEquals(5 * 4 * 3, decodes.size(), name);
            assertEquals(new HashSet<>(List.of(1)), new HashSet<>(decodes.values()), name + ": decodes per chunk " + decodes);
            assertEquals(0.0, Volumes.maxAbsDifference(source.image(), (RandomAccessibleInterval) f.createReader().read(out, 0).image()), name);
        }
    }
}
