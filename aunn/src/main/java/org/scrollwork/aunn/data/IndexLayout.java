package org.scrollwork.aunn.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.List;

/**
 * What the list itself records about where its bytes lie: for each record block, how an index in it
 * decodes ({@code [block | z | y | x | byte]} for volumes, a position for sequences) and where a voxel
 * sits in physical space. The geometry-aware index embedding reads indices through it; it is a
 * function of the list's own metadata, never of its bytes.
 *
 * @param regions record blocks in increasing offset order, not overlapping
 */
public record IndexLayout(List<Region> regions) {

    /**
     * One record's block {@code [offset, offset + 2^(zBits + yBits + xBits + byteBits))}.
     *
     * @param offset   first index of the block
     * @param volume   true for a volume (index bits {@code [z | y | x | byte]}), false for a sequence
     *                 (text, metadata: the position is {@code (index - offset) >> byteBits})
     * @param xBits    log2 of the padded x extent (0 for sequences; for a sequence the position bits
     *                 are all in {@code zBits})
     * @param yBits    log2 of the padded y extent
     * @param zBits    log2 of the padded z extent (for a sequence: of its padded length)
     * @param byteBits log2 of the padded bytes per voxel
     * @param frame    the spatial frame the record lies in (records of one scroll share one); -1 for sequences
     * @param originUm physical position of voxel (0, 0, 0)'s corner in the frame, µm, {@code [x, y, z]}
     * @param voxelUm  voxel size, µm, {@code [x, y, z]}
     * @param channel  what the bytes are (modality, energy, resolution), {@code 0..}{@link #CHANNELS}{@code -1}
     * @param label    a label volume (ink, letters) made from a scan of the frame: it reads the frame's shared spatial
     *                 features but does not shape them, so the network must read labels from what the scans put there
     */
    public record Region(long offset, boolean volume, int xBits, int yBits, int zBits, int byteBits, int frame,
                         double[] originUm, double[] voxelUm, int channel, boolean label) {
        public Region {
            if (offset < 0) throw new IllegalArgumentException("region offset must be >= 0: " + offset);
            if (xBits < 0 || yBits < 0 || zBits < 0 || byteBits < 0 || xBits + yBits + zBits + byteBits > 62) {
                throw new IllegalArgumentException("region bit fields out of range");
            }
            if (channel < 0 || channel >= CHANNELS) throw new IllegalArgumentException("channel must be in 0.." + (CHANNELS - 1) + ": " + channel);
            if (volume) {
                if (originUm == null || originUm.length != 3 || voxelUm == null || voxelUm.length != 3) {
                    throw new IllegalArgumentException("a volume region needs a 3-element origin and voxel size");
                }
                for (double v : voxelUm) if (!(v > 0)) throw new IllegalArgumentException("voxel sizes must be positive: " + Arrays.toString(voxelUm));
                if (frame < 0) throw new IllegalArgumentException("a volume region needs a frame");
            }
        }

        /** Bits of the block. */
        @JsonIgnore public int blockBits() { return xBits + yBits + zBits + byteBits; }

        /** Whether {@code index} lies in this region's block. */
        public boolean contains(long index) { return index >= offset && (index - offset) >>> blockBits() == 0; }

        @Override public boolean equals(Object o) {
            return o instanceof Region r && r.offset == offset && r.volume == volume && r.xBits == xBits && r.yBits == yBits && r.zBits == zBits
                    && r.byteBits == byteBits && r.frame == frame && Arrays.equals(r.originUm, originUm) && Arrays.equals(r.voxelUm, voxelUm)
                    && r.channel == channel && r.label == label;
        }

        @Override public int hashCode() {
            return java.util.Objects.hash(offset, volume, xBits, yBits, zBits, byteBits, frame, Arrays.hashCode(originUm), Arrays.hashCode(voxelUm), channel, label);
        }

        @Override public String toString() {
            return (volume ? "volume" : "sequence") + "@" + offset + "[z" + zBits + " y" + yBits + " x" + xBits + " b" + byteBits + "] frame " + frame
                    + " channel " + channel + (label ? " (label)" : "");
        }
    }

    /** Distinct channels a layout tells apart (the size of the learned channel embedding). */
    public static final int CHANNELS = 16;

    public IndexLayout {
        regions = regions == null ? List.of() : List.copyOf(regions);
        for (int i = 1; i < regions.size(); i++) {
            Region a = regions.get(i - 1);
            if (regions.get(i).offset() < a.offset() + (1L << a.blockBits())) throw new IllegalArgumentException("regions overlap or are out of order at " + i);
        }
    }

    /** A layout that knows nothing: every index is read as plain bits. */
    public static IndexLayout empty() { return new IndexLayout(List.of()); }

    /** The region holding {@code index}, or null (padding between blocks, or a record this layout does not know). */
    public Region find(long index) {
        int lo = 0, hi = regions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region r = regions.get(mid);
            if (index < r.offset()) hi = mid - 1;
            else if (r.contains(index)) return r;
            else lo = mid + 1;
        }
        return null;
    }

    /** Number of frames (one more than the largest frame id). */
    @JsonIgnore public int frames() {
        return regions.stream().mapToInt(Region::frame).max().orElse(-1) + 1;
    }
}
