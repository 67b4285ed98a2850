package org.scrollwork.io.hdf5;

import io.jhdf.Constants;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.object.datatype.OrderedDataType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.scrollwork.io.CorruptDataException;

/**
 * The chunks of a chunked dataset as its index records them, and blocks assembled from them; internal to
 * {@link Hdf5Format}.
 *
 * <p>Why not jhdf's own {@code getData(offset, shape)}: jhdf 0.13 reads chunks never written as 0 whatever the
 * dataset's fill value, and fails on them outright ("Failed to read chunk ... at address -1") when the chunk index is a
 * version 4 one (the fixed and extensible arrays libhdf5 writes with {@code libver='latest'}), which lists unwritten
 * chunks with the undefined address. Here a chunk is unwritten when the index has no entry for it or its address is
 * undefined, and reads as the fill value; written chunks are decompressed by jhdf and copied into the block.
 *
 * <p>jhdf keeps its chunk index behind a protected method ({@code getChunkLookup}); it is called reflectively. Should
 * a later jhdf not have it, {@link #of} is empty and the reader falls back to jhdf's own reads (unwritten chunks as 0).
 */
final class Hdf5Chunks {
    private static final Method LOOKUP = lookupMethod();

    private final ChunkedDataset dataset;
    private final Map<ChunkOffset, Chunk> index;
    private final int rank;
    /** Chunk dimensions {@code [x, y, z]}. */
    private final int[] chunk;
    private final int bytesPerElement;
    private final ByteOrder order;

    private Hdf5Chunks(ChunkedDataset dataset, Map<ChunkOffset, Chunk> index) {
        this.dataset = dataset;
        this.index = index;
        int[] c = dataset.getChunkDimensions();
        this.rank = c.length;
        this.chunk = rank == 3 ? new int[] {c[2], c[1], c[0]} : new int[] {c[1], c[0], 1};
        this.bytesPerElement = dataset.getDataType().getSize();
        this.order = dataset.getDataType() instanceof OrderedDataType
                ? ((OrderedDataType) dataset.getDataType()).getByteOrder() : ByteOrder.LITTLE_ENDIAN;
    }

    private static Method lookupMethod() {
        try {
            Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The chunk index of a 2-D or 3-D chunked dataset; empty where jhdf does not let it be read (see the class comment). */
    @SuppressWarnings("unchecked")
    static Optional<Hdf5Chunks> of(ChunkedDataset d) {
        if (LOOKUP == null || !(d instanceof ChunkedDatasetBase)) return Optional.empty();
        int rank = d.getChunkDimensions().length;
        if (rank != 2 && rank != 3) return Optional.empty();
        try {
            return Optional.of(new Hdf5Chunks(d, (Map<ChunkOffset, Chunk>) LOOKUP.invoke(d)));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
            if (e.getCause() instanceof Error) throw (Error) e.getCause();
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            return Optional.empty();
        }
    }

    /** Bytes of the chunks the index records as written (those with a defined address). */
    long storedBytes() {
        long sum = 0;
        for (Chunk c : index.values()) {
            if (c.getAddress() != Constants.UNDEFINED_ADDRESS) sum += Math.max(c.getSize(), 0);
        }
        return sum;
    }

    /**
     * Reads the block {@code min}, {@code size} (x, y, z) into {@code block} (a voxel array of the dataset's element
     * size, x fastest): written chunks as stored, unwritten ones as the element whose raw bits are {@code fillBits}.
     */
    void read(Path file, long[] min, int[] size, Object block, long fillBits) {
        long[] first = new long[3];
        long[] last = new long[3];
        for (int a = 0; a < 3; a++) {
            first[a] = min[a] / chunk[a];
            last[a] = (min[a] + size[a] - 1) / chunk[a];
        }
        int[] from = new int[3];
        int[] to = new int[3];
        for (long cz = first[2]; cz <= last[2]; cz++) {
            for (long cy = first[1]; cy <= last[1]; cy++) {
                for (long cx = first[0]; cx <= last[0]; cx++) {
                    long[] at = {cx * chunk[0], cy * chunk[1], cz * chunk[2]};
                    for (int a = 0; a < 3; a++) {
                        from[a] = (int) (Math.max(at[a], min[a]) - min[a]);
                        to[a] = (int) (Math.min(at[a] + chunk[a], min[a] + size[a]) - min[a]);
                    }
                    long[] offset = rank == 3 ? new long[] {at[2], at[1], at[0]} : new long[] {at[1], at[0]};
                    Chunk c = index.get(new ChunkOffset(offset));
                    if (c == null || c.getAddress() == Constants.UNDEFINED_ADDRESS) {
                        Hdf5Datasets.fill(block, size, from, to, fillBits);
                    } else {
                        copy(file, offset, at, min, size, from, to, block);
                    }
                }
            }
        }
    }

    /** Copies the part {@code [from, to)} of the block that the chunk at {@code at} (x, y, z) covers. */
    private void copy(Path file, long[] offset, long[] at, long[] min, int[] size, int[] from, int[] to, Object block) {
        int[] intOffset = new int[offset.length];
        for (int i = 0; i < offset.length; i++) intOffset[i] = Math.toIntExact(offset[i]);
        byte[] bytes = dataset.getDecompressedChunk(intOffset);
        long expected = (long) chunk[0] * chunk[1] * chunk[2] * bytesPerElement;
        if (bytes.length != expected) {
            throw new CorruptDataException(file, -1, "chunk " + java.util.Arrays.toString(offset) + " of " + dataset.getPath()
                    + " decompresses to " + bytes.length + " bytes, not the " + expected + " of its "
                    + chunk[2] + " x " + chunk[1] + " x " + chunk[0] + " elements");
        }
        ByteBuffer src = ByteBuffer.wrap(bytes).order(order);
        java.nio.Buffer view = block instanceof short[] ? src.asShortBuffer() : block instanceof int[] ? src.asIntBuffer()
                : block instanceof float[] ? src.asFloatBuffer() : block instanceof double[] ? src.asDoubleBuffer() : src;
        int n = to[0] - from[0];
        for (int z = from[2]; z < to[2]; z++) {
            for (int y = from[1]; y < to[1]; y++) {
                int cz = (int) (min[2] + z - at[2]);
                int cy = (int) (min[1] + y - at[1]);
                int cx = (int) (min[0] + from[0] - at[0]);
                int s = (cz * chunk[1] + cy) * chunk[0] + cx;
                int d = (z * size[1] + y) * size[0] + from[0];
                if (block instanceof byte[]) System.arraycopy(bytes, s, block, d, n);
                else if (block instanceof short[]) ((java.nio.ShortBuffer) view).get(s, (short[]) block, d, n);
                else if (block instanceof int[]) ((java.nio.IntBuffer) view).get(s, (int[]) block, d, n);
                else if (block instanceof float[]) ((java.nio.FloatBuffer) view).get(s, (float[]) block, d, n);
                else ((java.nio.DoubleBuffer) view).get(s, (double[]) block, d, n);
            }
        }
    }
}
