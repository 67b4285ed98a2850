package org.scrollwork.corpus;

import java.util.List;
import org.scrollwork.aunn.data.Role;

/**
 * Counts and ranks of each role over the whole corpus: per-record prefix counts, a binary search
 * for the record holding rank k, then {@link RecordRoles} arithmetic inside it. O(log records)
 * plus the record's mask arithmetic per call.
 */
final class RoleIndex {
    private final List<RecordRoles> records;
    private final long[][] prefix;

    RoleIndex(List<RecordRoles> records) {
        this.records = records;
        prefix = new long[Role.values().length][records.size() + 1];
        for (Role r : Role.values()) {
            long[] p = prefix[r.ordinal()];
            for (int i = 0; i < records.size(); i++) p[i + 1] = p[i] + records.get(i).count(r);
        }
    }

    long count(Role role) { return prefix[role.ordinal()][records.size()]; }

    long index(Role role, long k) {
        long[] p = prefix[role.ordinal()];
        long total = p[records.size()];
        if (k < 0 || k >= total) throw new IndexOutOfBoundsException("rank " + k + " of " + total + " " + role + " indices");
        int lo = 0, hi = records.size() - 1;
        while (lo < hi) { // largest i with p[i] <= k
            int mid = (lo + hi + 1) >>> 1;
            if (p[mid] <= k) lo = mid; else hi = mid - 1;
        }
        // records with zero bytes of this role share a prefix value; step past them
        while (p[lo + 1] <= k) lo++;
        return records.get(lo).indexAtRank(role, k - p[lo]);
    }
}
