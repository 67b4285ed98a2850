package org.scrollwork.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.scrollwork.aunn.data.Role;

/**
 * A per-row index of one record's many mask boxes (e.g. thousands of scattered held-out voxels): for every row
 * {@code (y, z)} the sorted masked x-intervals with their roles, and per role the voxels in the rows before it. A
 * rank lookup is then a binary search over rows plus a walk over one row's intervals, and a role lookup a walk over
 * one row, instead of a pass over every box.
 */
final class MaskRows {
    /** Records with more mask boxes than this use the index. */
    static final int MIN_MASKS = 64;
    /** At most this many rows (y × z) are indexed; bigger records keep the per-box arithmetic. */
    static final long MAX_ROWS = 1 << 20;

    private final long nx, ny;
    /** {@code intervals[row]}: {x0, x1, role ordinal} triples sorted by x0, or null for a row without masks. */
    private final long[][] intervals;
    /** {@code prefix[role][row]}: voxels of the role in rows below {@code row} (raster order). */
    private final long[][] prefix;

    /** Whether a record of this shape with this many masks uses the index. */
    static boolean applies(Extent shape, int masks) { return masks > MIN_MASKS && shape.y() * shape.z() <= MAX_ROWS; }

    MaskRows(Extent shape, List<Mask> masks) {
        nx = shape.x();
        ny = shape.y();
        int rows = (int) (shape.y() * shape.z());
        List<List<long[]>> byRow = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) byRow.add(null);
        for (Mask m : masks) {
            Box b = m.box();
            for (long z = b.z0(); z < b.z1(); z++) {
                for (long y = b.y0(); y < b.y1(); y++) {
                    int row = (int) (z * ny + y);
                    if (byRow.get(row) == null) byRow.set(row, new ArrayList<>(2));
                    byRow.get(row).add(new long[] {b.x0(), b.x1(), m.role().ordinal()});
                }
            }
        }
        intervals = new long[rows][];
        prefix = new long[Role.values().length][rows + 1];
        long[] inRow = new long[Role.values().length];
        for (int row = 0; row < rows; row++) {
            Arrays.fill(inRow, 0);
            List<long[]> l = byRow.get(row);
            if (l != null) {
                l.sort(Comparator.comparingLong(a -> a[0]));
                long[] flat = new long[l.size() * 3];
                long masked = 0;
                for (int i = 0; i < l.size(); i++) {
                    long[] iv = l.get(i);
                    System.arraycopy(iv, 0, flat, 3 * i, 3);
                    inRow[(int) iv[2]] += iv[1] - iv[0];
                    masked += iv[1] - iv[0];
                }
                intervals[row] = flat;
                inRow[Role.TRAIN.ordinal()] = nx - masked;
            } else {
                inRow[Role.TRAIN.ordinal()] = nx;
            }
            for (int r = 0; r < inRow.length; r++) prefix[r][row + 1] = prefix[r][row] + inRow[r];
        }
    }

    /** Role of voxel (x, y, z). */
    Role roleAt(long x, long y, long z) {
        long[] iv = intervals[(int) (z * ny + y)];
        if (iv != null) {
            for (int i = 0; i < iv.length; i += 3) {
                if (x < iv[i]) break;
                if (x < iv[i + 1]) return Role.values()[(int) iv[i + 2]];
            }
        }
        return Role.TRAIN;
    }

    /** {x, y, z} of the k-th voxel of this role in raster order ({@code 0 <= k <} the role's voxels). */
    long[] voxelAtRank(Role role, long k) {
        long[] p = prefix[role.ordinal()];
        int lo = 0, hi = p.length - 2;
        while (lo < hi) { // largest row with p[row] <= k: that row holds the k-th voxel (p[row + 1] > k)
            int mid = (lo + hi + 1) >>> 1;
            if (p[mid] <= k) lo = mid; else hi = mid - 1;
        }
        k -= p[lo];
        long y = lo % ny, z = lo / ny;
        long[] iv = intervals[lo];
        if (role == Role.TRAIN) {
            long x = 0;
            if (iv != null) {
                for (int i = 0; i < iv.length; i += 3) {
                    long free = iv[i] - x;
                    if (k < free) return new long[] {x + k, y, z};
                    k -= free;
                    x = iv[i + 1];
                }
            }
            if (k < nx - x) return new long[] {x + k, y, z};
        } else if (iv != null) {
            for (int i = 0; i < iv.length; i += 3) {
                if (iv[i + 2] != role.ordinal()) continue;
                long len = iv[i + 1] - iv[i];
                if (k < len) return new long[] {iv[i] + k, y, z};
                k -= len;
            }
        }
        throw new IllegalStateException("rank beyond row " + lo + " of role " + role);
    }
}
