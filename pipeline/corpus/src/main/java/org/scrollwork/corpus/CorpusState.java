package org.scrollwork.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scrollwork.aunn.data.Role;

/**
 * One committed state of a corpus, read-only: the manifest, its segments mapped, and the role
 * index. Appends build a new state; readers holding the old one keep a consistent view.
 */
final class CorpusState {
    final Path dir;
    final Manifest manifest;
    final String checksum;
    final Map<String, MappedSegment> segments;
    final List<RecordRoles> roles;
    final RoleIndex roleIndex;
    private final long[] offsets;
    private final MappedSegment[] segmentOf;
    /** The content fingerprint, computed at the first request (a benign race computes the same string twice). */
    private volatile String fingerprint;

    private CorpusState(Path dir, Manifest manifest, String checksum, Map<String, MappedSegment> segments) {
        this.dir = dir;
        this.manifest = manifest;
        this.checksum = checksum;
        this.segments = segments;
        List<CorpusRecord> recs = manifest.records();
        offsets = new long[recs.size()];
        segmentOf = new MappedSegment[recs.size()];
        List<RecordRoles> rr = new ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            CorpusRecord r = recs.get(i);
            offsets[i] = r.offset();
            segmentOf[i] = segments.get(r.segment());
            rr.add(new RecordRoles(r, manifest.masks()));
        }
        roles = List.copyOf(rr);
        roleIndex = new RoleIndex(roles);
    }

    /**
     * Maps a manifest's segments (reusing already-mapped ones by name). In strict mode a missing or
     * short segment fails with {@link CorruptCorpusException}; otherwise it stays readable up to its end.
     */
    static CorpusState load(Path dir, Manifest m, String checksum, Map<String, MappedSegment> reuse, boolean strict, int windowBits) {
        Map<String, MappedSegment> segs = new HashMap<>();
        for (SegmentInfo s : m.segments()) {
            MappedSegment ms = reuse.get(s.file());
            if (ms == null || ms.committed() != s.length()) {
                Path p = dir.resolve(s.file());
                if (strict && !Files.exists(p)) throw new CorruptCorpusException(p, -1, "segment file missing (records " + recordsIn(m, s.file()) + ")");
                ms = new MappedSegment(p, s.length(), windowBits);
                if (strict && !ms.complete()) {
                    throw new CorruptCorpusException(p, ms.available(), "segment truncated: committed " + s.length() + " bytes, file has "
                            + ms.available() + " (records " + recordsIn(m, s.file()) + ")");
                }
            }
            segs.put(s.file(), ms);
        }
        for (CorpusRecord r : m.records()) {
            MappedSegment ms = segs.get(r.segment());
            if (ms == null || r.segmentOffset() + r.length() > ms.committed()) {
                throw new CorruptCorpusException(dir.resolve(Corpus.MANIFEST), -1, "record " + r.id() + " lies outside committed segment " + r.segment());
            }
        }
        return new CorpusState(dir, m, checksum, segs);
    }

    private static String recordsIn(Manifest m, String file) {
        return Arrays.toString(m.records().stream().filter(r -> r.segment().equals(file)).mapToInt(CorpusRecord::id).toArray());
    }

    /** The content fingerprint of this state ({@link ContentFingerprint}); computed once. */
    String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = ContentFingerprint.of(manifest.indexBits(), manifest.records(), manifest.masks());
            fingerprint = f;
        }
        return f;
    }

    long indexLimit() { return 1L << manifest.indexBits(); }

    /** The record whose offset is the largest not above {@code index}, or -1. */
    private int floor(long index) {
        int i = Arrays.binarySearch(offsets, index);
        return i >= 0 ? i : -i - 2;
    }

    /** The record whose block holds the index, or -1. */
    int recordAt(long index) {
        int i = floor(index);
        return i >= 0 && index < manifest.records().get(i).end() ? i : -1;
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= indexLimit()) throw new IllegalArgumentException("index " + index + " outside [0, 2^" + manifest.indexBits() + ")");
    }

    int byteAt(long index) {
        checkIndex(index);
        int i = recordAt(index);
        if (i < 0) throw new IllegalArgumentException("no record at index " + index + " (gap between blocks)");
        CorpusRecord r = manifest.records().get(i);
        long rel = index - r.offset();
        int b = (int) (rel & (r.paddedVoxelBytes() - 1));
        long x = (rel >>> r.byteBits()) & (r.paddedShape().x() - 1);
        long y = (rel >>> (r.byteBits() + r.xBits())) & (r.paddedShape().y() - 1);
        long z = rel >>> (r.byteBits() + r.xBits() + r.yBits());
        if (!r.isReal(x, y, z, b)) throw new IllegalArgumentException("index " + index + " is padding of record " + r.id());
        RecordRoles rr = roles.get(i);
        if (rr.hasUnknown() && rr.roleAt(x, y, z) == Role.UNKNOWN) throw new IllegalArgumentException("index " + index + " is UNKNOWN in record " + r.id());
        return segmentOf[i].get(r.segmentOffset() + r.storedOffset(x, y, z, b));
    }

    Location locate(long index) {
        checkIndex(index);
        int i = recordAt(index);
        if (i < 0) return Location.gap(index);
        CorpusRecord r = manifest.records().get(i);
        long rel = index - r.offset();
        int b = (int) (rel & (r.paddedVoxelBytes() - 1));
        long x = (rel >>> r.byteBits()) & (r.paddedShape().x() - 1);
        long y = (rel >>> (r.byteBits() + r.xBits())) & (r.paddedShape().y() - 1);
        long z = rel >>> (r.byteBits() + r.xBits() + r.yBits());
        boolean real = r.isReal(x, y, z, b);
        return new Location(index, real ? Location.Place.DATA : Location.Place.PADDING, r.id(), Optional.of(r.kind()), x, y, z, b,
                real ? Optional.of(roles.get(i).roleAt(x, y, z)) : Optional.empty());
    }

    /** Bulk read; padding, gaps and UNKNOWN bytes read as 0. Row by row: one copy per real run. */
    void read(long index, byte[] dst, int off, int len) {
        if (len < 0 || off < 0 || off + len > dst.length) throw new IndexOutOfBoundsException("bad destination range " + off + "+" + len + " of " + dst.length);
        if (len == 0) return;
        checkIndex(index);
        checkIndex(index + len - 1);
        long pos = index;
        while (len > 0) {
            int i = floor(pos);
            CorpusRecord r = i >= 0 ? manifest.records().get(i) : null;
            if (r == null || pos >= r.end()) {
                long next = i + 1 < offsets.length ? offsets[i + 1] : Long.MAX_VALUE;
                int n = (int) Math.min(len, next - pos);
                Arrays.fill(dst, off, off + n, (byte) 0);
                pos += n;
                off += n;
                len -= n;
                continue;
            }
            int n = readRow(i, r, pos, dst, off, len);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads from {@code pos} up to the end of its row (or {@code len}); returns the bytes done. */
    private int readRow(int i, CorpusRecord r, long pos, byte[] dst, int off, int len) {
        long rel = pos - r.offset();
        int rowShift = r.byteBits() + r.xBits();
        long rowStart = r.offset() + ((rel >>> rowShift) << rowShift);
        int n = (int) Math.min(len, rowStart + (1L << rowShift) - pos);
        long y = (rel >>> rowShift) & (r.paddedShape().y() - 1);
        long z = rel >>> (rowShift + r.yBits());
        if (y >= r.shape().y() || z >= r.shape().z()) {
            Arrays.fill(dst, off, off + n, (byte) 0);
            return n;
        }
        RecordRoles rr = roles.get(i);
        if (r.paddedVoxelBytes() == r.voxelBytes()) {
            long realEnd = rowStart + r.shape().x() * r.voxelBytes();
            int real = (int) Math.max(0, Math.min(n, realEnd - pos));
            if (real > 0) {
                long x = (rel >>> r.byteBits()) & (r.paddedShape().x() - 1);
                int b = (int) (rel & (r.paddedVoxelBytes() - 1));
                segmentOf[i].copy(r.segmentOffset() + r.storedOffset(x, y, z, b), dst, off, real);
            }
            Arrays.fill(dst, off + real, off + n, (byte) 0);
            if (rr.hasUnknown()) {
                for (Box bx : rr.boxes(Role.UNKNOWN)) {
                    if (!bx.coversRow(y, z)) continue;
                    long from = Math.max(pos, rowStart + bx.x0() * r.voxelBytes());
                    long to = Math.min(pos + n, rowStart + bx.x1() * r.voxelBytes());
                    if (from < to) Arrays.fill(dst, off + (int) (from - pos), off + (int) (to - pos), (byte) 0);
                }
            }
            return n;
        }
        for (int j = 0; j < n; j++) {
            long q = rel + j;
            int b = (int) (q & (r.paddedVoxelBytes() - 1));
            long x = (q >>> r.byteBits()) & (r.paddedShape().x() - 1);
            boolean known = r.isReal(x, y, z, b) && !(rr.hasUnknown() && rr.roleAt(x, y, z) == Role.UNKNOWN);
            dst[off + j] = known ? (byte) segmentOf[i].get(r.segmentOffset() + r.storedOffset(x, y, z, b)) : 0;
        }
        return n;
    }
}
