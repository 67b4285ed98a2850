package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelArrays;

/**
 * A single-level OME-Zarr store (OME-NGFF 0.4, Zarr v2, dataset {@code "0"}) filled chunk by chunk in
 * place, for writers that produce chunks independently (tasks of a distributed render). {@link #create}
 * writes the group and array headers; {@link #writeChunk} writes one chunk file atomically (temporary
 * name, fsync, rename), so a chunk is complete or absent and a retried writer simply replaces it.
 * Chunks never written read as the fill value 0. The store as a whole is not atomic: its headers exist
 * from the start.
 */
public final class OmeZarrChunkWriter {
    private final Path root;
    private final ZarrArrayMetadata meta;

    private OmeZarrChunkWriter(Path root, ZarrArrayMetadata meta) {
        this.root = root;
        this.meta = meta;
    }

    /**
     * Creates the store's headers for an array of {@code shapeXyz} voxels in {@code chunkXyz} chunks.
     *
     * @throws UncheckedIOException naming the store when it cannot be written
     */
    public static OmeZarrChunkWriter create(Path root, long[] shapeXyz, int[] chunkXyz, Compression compression, ScanMetadata scan) {
        DataType t = scan.dataType();
        ZarrCodec codec = ZarrCodec.forCompression(compression, t.bytesPerVoxel(), root);
        ZarrArrayMetadata meta = ZarrArrayMetadata.forWriting(shapeXyz, chunkXyz, t, ByteOrder.LITTLE_ENDIAN, codec);
        boolean sized = scan.voxelSizeUm().isPresent();
        double[] scale = sized ? new double[] {scan.voxelSizeUm().get().zUm(), scan.voxelSizeUm().get().yUm(), scan.voxelSizeUm().get().xUm()}
                : new double[] {1, 1, 1};
        try {
            Files.createDirectories(root.resolve("0"));
            AtomicFiles.writeBytes(root.resolve(".zgroup"), ZarrJson.MAPPER.writeValueAsBytes(ZarrJson.MAPPER.createObjectNode().put("zarr_format", 2)));
            com.fasterxml.jackson.databind.node.ObjectNode zattrs = Multiscales.toZattrs(root.getFileName().toString(), List.of(scale), sized);
            Map<String, String> attrs = ScanAttributes.of(scan);
            if (!attrs.isEmpty()) attrs.forEach(zattrs.putObject(OmeZarrFormat.SCAN_ATTRIBUTES)::put);
            AtomicFiles.writeBytes(root.resolve(".zattrs"), ZarrJson.MAPPER.writeValueAsBytes(zattrs));
            AtomicFiles.writeBytes(root.resolve("0/.zarray"), ZarrJson.MAPPER.writeValueAsBytes(meta.toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create OME-Zarr store " + root + ": " + e.getMessage(), e);
        }
        return new OmeZarrChunkWriter(root, meta);
    }

    /**
     * Opens a store made by {@link #create} to write more chunks.
     *
     * @throws FormatException naming the file when the array header is missing or malformed
     */
    public static OmeZarrChunkWriter open(Path root) {
        Path zarray = root.resolve("0/.zarray");
        if (!Files.isRegularFile(zarray)) throw new FormatException(zarray, "missing: not an OME-Zarr store made by OmeZarrChunkWriter.create");
        return new OmeZarrChunkWriter(root, ZarrArrayMetadata.parse(root, zarray));
    }

    public Path root() { return root; }

    /** Array shape {@code [x, y, z]}. */
    public long[] shapeXyz() { return meta.shapeXyz(); }

    /** Chunk shape {@code [x, y, z]}. */
    public int[] chunkXyz() { return meta.chunkXyz(); }

    /** Number of chunks along x, y and z. */
    public long[] gridXyz() {
        long[] s = shapeXyz();
        int[] c = chunkXyz();
        return new long[] {(s[0] + c[0] - 1) / c[0], (s[1] + c[1] - 1) / c[1], (s[2] + c[2] - 1) / c[2]};
    }

    /**
     * Writes the chunk at grid position {@code gridXyz}: {@code voxels} (a voxel array of the store's type, x fastest)
     * covers the chunk clipped to the array's shape; it is padded with 0 to the full chunk size, compressed and
     * written atomically, replacing any earlier version.
     *
     * @throws IllegalArgumentException if the position is outside the grid or the array has the wrong length
     */
    public void writeChunk(long[] gridXyz, Object voxels) {
        long[] grid = gridXyz();
        long[] s = shapeXyz();
        int[] c = chunkXyz();
        int[] size = new int[3];
        for (int d = 0; d < 3; d++) {
            if (gridXyz[d] < 0 || gridXyz[d] >= grid[d]) throw new IllegalArgumentException("chunk " + java.util.Arrays.toString(gridXyz) + " is outside the grid of " + root);
            size[d] = (int) Math.min(c[d], s[d] - gridXyz[d] * c[d]);
        }
        if (VoxelArrays.length(voxels) != size[0] * size[1] * size[2]) {
            throw new IllegalArgumentException("chunk " + java.util.Arrays.toString(gridXyz) + " of " + root + " holds " + size[0] * size[1] * size[2]
                    + " voxels, got " + VoxelArrays.length(voxels));
        }
        byte[] raw = VoxelArrays.encode(meta.dataType(), voxels, meta.byteOrder());
        byte[] stored = meta.codec().encode(ZarrArrayWriter.pad(raw, size, c, meta.dataType().bytesPerVoxel()));
        Path file = root.resolve("0").resolve(meta.chunkKey(gridXyz));
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(file, stored);
    }
}
