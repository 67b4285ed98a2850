package org.scrollwork.io.nrrd;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.VoxelArrays;

/**
 * Finds a NRRD's voxel data in its data file and loads it one z slice at a time.
 *
 * <p>Raw data is read with one positional read per slice, in any order. Gzip data can only be
 * decoded front to back: {@link GzipSlices} keeps one open stream and its position, so reading
 * slices in increasing z costs one pass over the file in total, while going back to an earlier slice
 * that has left the volume's cache restarts decompression from the beginning of the data.
 */
final class NrrdData {
    private static final Cleaner CLEANER = Cleaner.create();

    private NrrdData() {}

    /** Byte offset of the data in the data file after {@code line skip} (and, for raw data, {@code byte skip}). */
    static long rawOffset(NrrdHeader h) {
        Path f = h.dataPath();
        long size;
        try {
            size = Files.size(f);
        } catch (NoSuchFileException e) {
            throw new FormatException(h.headerPath(), "data file " + NrrdHeader.abbreviate(f.getFileName().toString()) + " does not exist", e);
        } catch (IOException e) {
            throw new FormatException(f, "cannot read: " + e.getMessage(), e);
        }
        long pos = h.dataStart();
        if (h.lineSkip() > 0) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                in.skipNBytes(pos);
                for (long lines = 0; lines < h.lineSkip(); pos++) {
                    int c = in.read();
                    if (c < 0) throw new TruncatedFileException(f, pos + 1, size, "line skip of " + h.lineSkip() + " lines");
                    if (c == '\n') lines++;
                }
            } catch (IOException e) {
                throw new FormatException(f, "cannot read: " + e.getMessage(), e);
            }
        }
        if (h.gzip()) return pos;
        if (h.byteSkip() == -1) {
            long start = size - h.dataBytes();
            if (start < pos) throw new TruncatedFileException(f, pos + h.dataBytes(), size, "data of " + h.dataBytes() + " bytes at the end (byte skip -1)");
            return start;
        }
        pos += h.byteSkip();
        if (size - pos < h.dataBytes()) {
            throw new TruncatedFileException(f, pos + h.dataBytes(), size, "raw data of " + h.dataBytes() + " bytes from byte " + pos);
        }
        return pos;
    }

    /** Loads raw slices by positional reads. */
    static ChunkedVolumes.ChunkLoader rawSlices(NrrdHeader h, long offset) {
        int sliceBytes = Math.toIntExact(h.sliceBytes());
        int voxels = (int) (h.shape()[0] * h.shape()[1]);
        return (grid, min, size) -> {
            long at = offset + min[2] * sliceBytes;
            ByteBuffer buf = ByteBuffer.allocate(sliceBytes);
            try (FileChannel ch = FileChannel.open(h.dataPath(), StandardOpenOption.READ)) {
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, at + buf.position());
                    if (n < 0) throw new TruncatedFileException(h.dataPath(), at + sliceBytes, at + buf.position(), "slice z=" + min[2]);
                }
            } catch (IOException e) {
                throw new FormatException(h.dataPath(), "cannot read slice z=" + min[2] + ": " + e.getMessage(), e);
            }
            buf.flip();
            return VoxelArrays.decode(h.dataType(), buf, voxels, h.order());
        };
    }

    /** Loads gzip slices by sequential decompression (see the class comment for the cost). */
    static ChunkedVolumes.ChunkLoader gzipSlices(NrrdHeader h, long offset) {
        GzipSlices slices = new GzipSlices(h, offset);
        CLEANER.register(slices, slices.state::close);
        return slices;
    }

    /** The open stream of a {@link GzipSlices}, closed when the loader is collected or the data ends. */
    private static final class StreamState {
        InputStream in;
        long nextSlice;

        synchronized void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing a read-only stream; nothing to recover
                }
                in = null;
            }
        }
    }

    private static final class GzipSlices implements ChunkedVolumes.ChunkLoader {
        private final NrrdHeader h;
        private final long offset;
        private final StreamState state = new StreamState();

        GzipSlices(NrrdHeader h, long offset) {
            this.h = h;
            this.offset = offset;
        }

        @Override public Object load(long[] grid, long[] min, int[] size) {
            long z = min[2];
            int sliceBytes = Math.toIntExact(h.sliceBytes());
            synchronized (state) {
                try {
                    if (state.in == null || z < state.nextSlice) open();
                    long skip = (z - state.nextSlice) * sliceBytes;
                    state.in.skipNBytes(skip);
                    byte[] b = state.in.readNBytes(sliceBytes);
                    if (b.length < sliceBytes) {
                        long decoded = z * sliceBytes + b.length;
                        state.close();
                        throw new TruncatedFileException(h.dataPath(), h.dataBytes(), decoded, "gzip data (decompressed bytes)");
                    }
                    state.nextSlice = z + 1;
                    if (state.nextSlice == h.shape()[2]) {
                        // the end of the stream: reading on checks the gzip trailer (CRC-32 and length of the data),
                        // the only sign of damaged deflate data that still decodes
                        int more = state.in.read();
                        state.close();
                        if (more >= 0) {
                            throw new CorruptDataException(h.dataPath(), offset, "gzip data holds more than the "
                                    + (h.byteSkip() + h.dataBytes()) + " bytes that 'sizes' (and 'byte skip') give");
                        }
                    }
                    return VoxelArrays.decode(h.dataType(), ByteBuffer.wrap(b), (int) (h.shape()[0] * h.shape()[1]), h.order());
                } catch (EOFException e) {
                    state.close();
                    throw new TruncatedFileException(h.dataPath(), h.dataBytes(), z * sliceBytes, "gzip data (decompressed bytes)");
                } catch (ZipException e) {
                    state.close();
                    throw new CorruptDataException(h.dataPath(), offset, "gzip stream: " + e.getMessage(), e);
                } catch (IOException e) {
                    state.close();
                    throw new FormatException(h.dataPath(), "cannot read gzip data: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    state.close();
                    if (e instanceof FormatException) throw e;
                    throw new CorruptDataException(h.dataPath(), offset, "gzip stream: " + e, e);
                }
            }
        }

        private void open() throws IOException {
            state.close();
            FileChannel ch = FileChannel.open(h.dataPath(), StandardOpenOption.READ);
            try {
                ch.position(offset);
                InputStream in = new GZIPInputStream(new BufferedInputStream(Channels.newInputStream(ch)), 1 << 16);
                state.in = in;
                in.skipNBytes(h.byteSkip());
                state.nextSlice = 0;
            } catch (IOException | RuntimeException e) {
                if (state.in == null) ch.close();
                throw e;
            }
        }
    }
}
