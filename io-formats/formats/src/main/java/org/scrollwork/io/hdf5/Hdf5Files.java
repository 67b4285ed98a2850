package org.scrollwork.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.VoxelArrays;

/**
 * The boundary to jhdf: opening files and loading chunks, with every exception jhdf may throw
 * (its own {@code HdfException}s and the arbitrary runtime exceptions a damaged file provokes)
 * turned into a {@link FormatException} that names the file.
 */
final class Hdf5Files {
    private static final Cleaner CLEANER = Cleaner.create();

    private Hdf5Files() {}

    /** Opens a file, applies {@code action} and closes it. */
    static <R> R withFile(Path file, Function<HdfFile, R> action) {
        if (!Files.isRegularFile(file)) throw new FormatException(file, "no such HDF5 file");
        try (HdfFile f = new HdfFile(file)) {
            return action.apply(f);
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw translate(file, e);
        }
    }

    static FormatException translate(Path file, Throwable e) {
        if (e instanceof FormatException) return (FormatException) e;
        return new CorruptDataException(file, -1, "HDF5 structure or data cannot be read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    /**
     * Deflate's greatest ratio (a stream of {@code n} bytes inflates to at most about 1032 {@code n}); jhdf's other
     * filters (LZ4, LZF, shuffles, Fletcher-32) reach less.
     */
    static final long MAX_INFLATION = 1032;

    /** Unwritten chunks (fill values) a chunked dataset may claim beyond what its stored chunks could hold. */
    static final long FILL_ALLOWANCE_BYTES = 16L << 20;

    /**
     * The file must be as long as its superblock's end-of-file address says (as libhdf5 checks), and the dataset's
     * dimensions must be ones the file can hold: a contiguous dataset lies inside the file, a chunked one claims at
     * most {@link #MAX_INFLATION} times its stored chunk bytes, plus {@link #FILL_ALLOWANCE_BYTES} of unwritten chunks.
     * A truncated file, or a damaged dimension claiming a giant dataset, fails here, before any voxel is allocated.
     *
     * @param bytesPerVoxel the size of one element of {@code d}
     */
    static void checkLength(Path file, HdfFile f, Dataset d, int bytesPerVoxel) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new FormatException(file, "cannot read: " + e.getMessage(), e);
        }
        Superblock sb = f.getHdfBackingStorage().getSuperblock();
        long base = Math.max(sb.getBaseAddressByte(), f.getUserBlockSize());
        // libhdf5 stores the end-of-file address counting a user block (a file with a 512-byte user block
        // and 2168 bytes of HDF5 stores 2680), while object addresses are relative to the base address.
        long eof = sb.getEndOfFileAddress();
        if (eof > size) throw new TruncatedFileException(file, eof, size, "the HDF5 end-of-file address");
        long claimed = claimedBytes(d.getDimensionsAsLong(), bytesPerVoxel);
        if (d instanceof ContiguousDataset) {
            long address = ((ContiguousDataset) d).getDataAddress();
            long end = saturatingAdd(saturatingAdd(base, address), claimed);
            if (address < 0 || end > size) {
                throw new CorruptDataException(file, -1, "dataset " + d.getPath() + " claims " + dimensions(d) + " voxels ("
                        + bytes(claimed) + "), stored contiguously from byte " + address + ", past the end of the file ("
                        + size + " bytes)");
            }
        }
        if (d instanceof ChunkedDataset) {
            // jhdf allocates each stored chunk at the size its index records: a damaged index must not
            // make it allocate more than the file holds.
            long stored = Hdf5Chunks.of((ChunkedDataset) d).map(Hdf5Chunks::storedBytes).orElseGet(d::getStorageInBytes);
            if (stored < 0 || stored > size) {
                throw new CorruptDataException(file, -1, "chunk index of " + d.getPath() + " records " + stored
                        + " stored bytes in a file of " + size);
            }
            long most = saturatingAdd(saturatingMultiply(stored, MAX_INFLATION), FILL_ALLOWANCE_BYTES);
            if (claimed > most) {
                throw new CorruptDataException(file, -1, "dataset " + d.getPath() + " claims " + dimensions(d) + " voxels ("
                        + bytes(claimed) + "), more than its " + stored + " stored chunk bytes can hold (" + MAX_INFLATION
                        + " times as many at most, and " + (FILL_ALLOWANCE_BYTES >> 20) + " MiB of unwritten chunks): a damaged dimension?");
            }
        }
    }

    /** The bytes {@code dims} of {@code bytesPerVoxel} each take, {@link Long#MAX_VALUE} when that overflows. */
    static long claimedBytes(long[] dims, int bytesPerVoxel) {
        long n = bytesPerVoxel;
        for (long s : dims) n = saturatingMultiply(n, Math.max(s, 0));
        return n;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static String dimensions(Dataset d) {
        StringBuilder b = new StringBuilder();
        for (long s : d.getDimensionsAsLong()) b.append(b.length() == 0 ? "" : " x ").append(s);
        return b + " (z, y, x)";
    }

    private static String bytes(long n) { return n == Long.MAX_VALUE ? "more than 2^63 bytes" : n + " bytes"; }

    /**
     * Loads chunks of one dataset through one file handle, opened on first use and closed when the
     * loader (that is, the volume) becomes unreachable.
     */
    static ChunkedVolumes.ChunkLoader chunkLoader(Path file, String datasetPath, DataType type, int rank, OptionalLong fillBits) {
        Handle handle = new Handle(file);
        ChunkedVolumes.ChunkLoader loader = (grid, min, size) -> {
            int voxels = size[0] * size[1] * size[2];
            try {
                synchronized (handle) {
                    Dataset d = handle.dataset(datasetPath);
                    Optional<Hdf5Chunks> chunks = handle.chunks();
                    if (chunks.isPresent()) {
                        Object block = VoxelArrays.allocate(type, voxels);
                        chunks.get().read(file, min, size, block, fillBits.orElse(0));
                        return block;
                    }
                    Object data = rank == 3
                            ? d.getData(new long[] {min[2], min[1], min[0]}, new int[] {size[2], size[1], size[0]})
                            : d.getData(new long[] {min[1], min[0]}, new int[] {size[1], size[0]});
                    return Hdf5Datasets.flatten(data, type, voxels);
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw translate(file, e);
            }
        };
        CLEANER.register(loader, handle::close);
        return loader;
    }

    /** One open {@link HdfFile}; not referenced by the loader's cleanup action's owner. */
    private static final class Handle {
        private final Path file;
        private HdfFile open;
        private Dataset dataset;
        private Optional<Hdf5Chunks> chunks;

        Handle(Path file) { this.file = file; }

        synchronized Dataset dataset(String path) {
            if (dataset == null) {
                if (!Files.isRegularFile(file)) throw new FormatException(file, "HDF5 file disappeared", new NoSuchFileException(file.toString()));
                open = new HdfFile(file);
                Node n = open.getByPath(path);
                if (!(n instanceof Dataset)) throw new FormatException(file, "dataset " + path + " disappeared");
                dataset = (Dataset) n;
                chunks = dataset instanceof ChunkedDataset ? Hdf5Chunks.of((ChunkedDataset) dataset) : Optional.empty();
            }
            return dataset;
        }

        /** The chunk index of the dataset {@link #dataset} opened, empty for a contiguous one. */
        synchronized Optional<Hdf5Chunks> chunks() { return chunks; }

        synchronized void close() {
            if (open != null) {
                open.close();
                open = null;
                dataset = null;
                chunks = null;
            }
        }
    }
}
