package org.scrollwork.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scrollwork.aunn.data.Role;

/**
 * Roles of one record's real bytes and rank arithmetic over them. A voxel's bytes share its role;
 * voxels inside a mask box have the mask's role, all other real voxels are TRAIN. Ranks follow
 * increasing index order, which inside a record is raster order (z, y, x, byte).
 *
 * <p>{@link #voxelAtRank} costs O(log z + masks * log y) arithmetic: binary search for the slice in a
 * per-slice prefix table (built once from the boxes, 8 bytes per slice and role), then for the row by
 * counting role voxels from the boxes, then a walk over the row's x-intervals. Without masks it is O(1).
 */
final class RecordRoles {
    private final CorpusRecord rec;
    private final List<Box> all = new ArrayList<>();
    private final List<List<Box>> byRole = new ArrayList<>();
    private final long[] voxelCounts = new long[Role.values().length];
    /** Records with masks and at most this many slices keep a per-slice prefix table per role. */
    private static final long MAX_SLICE_TABLE = 1 << 20;
    /** {@code sliceTable[role][z]}: voxels of the role in slices below z; null without masks. */
    private final long[][] sliceTable;
    /** The per-row index of a record with many masks ({@link MaskRows#applies}), else null. */
    private final MaskRows rows;

    RecordRoles(CorpusRecord rec, List<Mask> masks) {
        this.rec = rec;
        for (int i = 0; i < Role.values().length; i++) byRole.add(new ArrayList<>());
        long masked = 0;
        for (Mask m : masks) {
            if (m.recordId() != rec.id()) continue;
            all.add(m.box());
            byRole.get(m.role().ordinal()).add(m.box());
            voxelCounts[m.role().ordinal()] += m.box().voxels();
            masked += m.box().voxels();
        }
        voxelCounts[Role.TRAIN.ordinal()] = rec.shape().voxels() - masked;
        rows = MaskRows.applies(rec.shape(), all.size()) ? new MaskRows(rec.shape(), masks.stream().filter(m -> m.recordId() == rec.id()).toList()) : null;
        if (rows == null && !all.isEmpty() && rec.shape().z() <= MAX_SLICE_TABLE) {
            long sz = rec.shape().z();
            sliceTable = new long[Role.values().length][(int) sz + 1];
            for (Role r : Role.values()) for (int z = 0; z <= sz; z++) sliceTable[r.ordinal()][z] = belowZ(r, z);
        } else {
            sliceTable = null;
        }
    }

    CorpusRecord record() { return rec; }

    boolean hasMasks() { return !all.isEmpty(); }

    boolean hasUnknown() { return !byRole.get(Role.UNKNOWN.ordinal()).isEmpty(); }

    /** The mask boxes of a role (HELD_OUT or UNKNOWN). */
    List<Box> boxes(Role role) { return byRole.get(role.ordinal()); }

    /** Number of bytes of this role in the record. */
    long count(Role role) { return voxelCounts[role.ordinal()] * rec.voxelBytes(); }

    /** Role of a real voxel. */
    Role roleAt(long x, long y, long z) {
        if (rows != null) return rows.roleAt(x, y, z);
        for (Role r : new Role[] {Role.HELD_OUT, Role.UNKNOWN, Role.VALIDATION}) {
            for (Box b : byRole.get(r.ordinal())) if (b.contains(x, y, z)) return r;
        }
        return Role.TRAIN;
    }

    /** The index of the k-th byte of this role in the record ({@code 0 <= k < count(role)}). */
    long indexAtRank(Role role, long k) {
        int bpv = rec.voxelBytes();
        long[] v = voxelAtRank(role, k / bpv);
        return rec.indexOf(v[0], v[1], v[2], (int) (k % bpv));
    }

    /** {x, y, z} of the k-th voxel of this role in raster order. */
    long[] voxelAtRank(Role role, long k) {
        Extent s = rec.shape();
        if (role == Role.TRAIN && all.isEmpty()) {
            long row = k / s.x();
            return new long[] {k % s.x(), row % s.y(), row / s.y()};
        }
        if (rows != null) return rows.voxelAtRank(role, k);
        long zLo = 0, zHi = s.z() - 1;
        long[] table = sliceTable == null ? null : sliceTable[role.ordinal()];
        while (zLo < zHi) {
            long mid = (zLo + zHi + 1) >>> 1;
            if ((table != null ? table[(int) mid] : belowZ(role, mid)) <= k) zLo = mid; else zHi = mid - 1;
        }
        long z = zLo;
        k -= table != null ? table[(int) z] : belowZ(role, z);
        long yLo = 0, yHi = s.y() - 1;
        while (yLo < yHi) {
            long mid = (yLo + yHi + 1) >>> 1;
            if (inSliceBelowY(role, z, mid) <= k) yLo = mid; else yHi = mid - 1;
        }
        long y = yLo;
        k -= inSliceBelowY(role, z, y);
        for (long[] iv : rowIntervals(role, y, z)) {
            long len = iv[1] - iv[0];
            if (k < len) return new long[] {iv[0] + k, y, z};
            k -= len;
        }
        throw new IllegalStateException("rank beyond row: record " + rec.id() + " role " + role);
    }

    /** Voxels of the role in slices below z. */
    private long belowZ(Role role, long z) {
        if (role == Role.TRAIN) {
            long n = z * rec.shape().x() * rec.shape().y();
            for (Box b : all) n -= b.voxelsBelowZ(z);
            return n;
        }
        long n = 0;
        for (Box b : byRole.get(role.ordinal())) n += b.voxelsBelowZ(z);
        return n;
    }

    /** Voxels of the role in slice z, rows below y. */
    private long inSliceBelowY(Role role, long z, long y) {
        if (role == Role.TRAIN) {
            long n = y * rec.shape().x();
            for (Box b : all) n -= b.voxelsInSliceBelowY(z, y);
            return n;
        }
        long n = 0;
        for (Box b : byRole.get(role.ordinal())) n += b.voxelsInSliceBelowY(z, y);
        return n;
    }

    /** Sorted, disjoint x-intervals {@code [from, to)} of row (y, z) holding the role. */
    private List<long[]> rowIntervals(Role role, long y, long z) {
        List<long[]> masked = new ArrayList<>();
        for (Box b : role == Role.TRAIN ? all : byRole.get(role.ordinal())) {
            if (b.coversRow(y, z)) masked.add(new long[] {b.x0(), b.x1()});
        }
        masked.sort(Comparator.comparingLong(a -> a[0]));
        if (role != Role.TRAIN) return masked;
        List<long[]> free = new ArrayList<>();
        long x = 0;
        for (long[] m : masked) {
            if (m[0] > x) free.add(new long[] {x, m[0]});
            x = Math.max(x, m[1]);
        }
        if (x < rec.shape().x()) free.add(new long[] {x, rec.shape().x()});
        return free;
    }
}
