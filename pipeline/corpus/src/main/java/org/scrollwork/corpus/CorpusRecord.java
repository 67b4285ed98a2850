package org.scrollwork.corpus;

import java.util.Objects;
import org.scrollwork.io.DataType;

/**
 * One committed record: where it sits in the index space, how its index bits split, and where its
 * bytes are stored. Immutable.
 *
 * <p>Index law: the record occupies {@code [offset, offset + 2^blockBits)}; {@code offset} is a
 * multiple of {@code 2^blockBits}, and the low {@code blockBits} bits of an index split into
 * {@code [z | y | x | byte]} with widths {@code log2} of the padded shape's z, y, x and of
 * {@code paddedVoxelBytes}. Only voxels inside {@code shape} and bytes below the data type's size
 * are real; they are stored densely, raster order (x fastest), big-endian, starting at
 * {@code segmentOffset} in {@code segment}.
 *
 * @param alignedWith id of the record this one shares its block layout with, or -1
 * @param describes   for a METADATA record the id of the data record it describes, else -1
 * @param crc32c      CRC32C of the record's {@code length} stored bytes
 */
public record CorpusRecord(
        int id, RecordKind kind, long offset, Extent shape, Extent paddedShape, DataType dataType, int paddedVoxelBytes,
        String segment, long segmentOffset, long crc32c, int alignedWith, int describes, RecordMeta meta) {

    public CorpusRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(paddedShape, "paddedShape");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(meta, "meta");
        if (!paddedShape.isPowerOfTwo() || !shape.fitsIn(paddedShape)) {
            throw new IllegalArgumentException("record " + id + ": padded shape " + paddedShape + " must be powers of two holding " + shape);
        }
        if (Integer.bitCount(paddedVoxelBytes) != 1 || paddedVoxelBytes < dataType.bytesPerVoxel()) {
            throw new IllegalArgumentException("record " + id + ": padded voxel bytes " + paddedVoxelBytes + " must be a power of two >= " + dataType.bytesPerVoxel());
        }
        long block = 1L << blockBits(paddedShape, paddedVoxelBytes);
        if (offset < 0 || offset % block != 0) throw new IllegalArgumentException("record " + id + ": offset " + offset + " is not a multiple of its block " + block);
    }

    static int blockBits(Extent padded, int paddedVoxelBytes) {
        return Extent.log2(padded.x()) + Extent.log2(padded.y()) + Extent.log2(padded.z()) + Extent.log2(paddedVoxelBytes);
    }

    /** log2 of the block size. */
    public int blockBits() { return blockBits(paddedShape, paddedVoxelBytes); }

    public long blockSize() { return 1L << blockBits(); }

    /** First index after this record's block. */
    public long end() { return offset + blockSize(); }

    /** Real bytes per voxel. */
    public int voxelBytes() { return dataType.bytesPerVoxel(); }

    /** Stored (real) bytes of this record. */
    public long length() { return shape.voxels() * voxelBytes(); }

    public int byteBits() { return Extent.log2(paddedVoxelBytes); }
    public int xBits() { return Extent.log2(paddedShape.x()); }
    public int yBits() { return Extent.log2(paddedShape.y()); }
    public int zBits() { return Extent.log2(paddedShape.z()); }

    /** The index of byte {@code b} of voxel {@code (x, y, z)}: {@code offset | z | y | x | b} bitwise. */
    public long indexOf(long x, long y, long z, int b) {
        if (x < 0 || y < 0 || z < 0 || b < 0 || x >= paddedShape.x() || y >= paddedShape.y() || z >= paddedShape.z() || b >= paddedVoxelBytes) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ", " + z + ", byte " + b + ") outside record " + id + " block " + paddedShape);
        }
        int bb = byteBits();
        int xb = bb + xBits();
        int yb = xb + yBits();
        return offset | (z << yb) | (y << xb) | (x << bb) | b;
    }

    /** Whether a position of the block holds a stored byte. */
    public boolean isReal(long x, long y, long z, int b) {
        return x < shape.x() && y < shape.y() && z < shape.z() && b < voxelBytes();
    }

    /** Position of a real byte within the record's stored bytes. */
    public long storedOffset(long x, long y, long z, int b) {
        return ((z * shape.y() + y) * shape.x() + x) * voxelBytes() + b;
    }
}
