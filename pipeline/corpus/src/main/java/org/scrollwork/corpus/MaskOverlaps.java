package org.scrollwork.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds an overlap among one record's mask boxes: pairwise for a few boxes, row by row (sorted x-intervals) for many. */
final class MaskOverlaps {
    private static final long PAIRWISE = 1 << 16;

    private MaskOverlaps() {}

    /**
     * Checks that no added box overlaps an existing one or another added one.
     *
     * @throws IllegalArgumentException naming the first two overlapping boxes found
     */
    static void check(List<Box> existing, List<Box> added) {
        long pairs = (long) added.size() * (existing.size() + added.size());
        if (pairs <= PAIRWISE) {
            for (int i = 0; i < added.size(); i++) {
                Box b = added.get(i);
                for (Box o : existing) if (o.intersects(b)) throw overlap(b, o);
                for (int j = 0; j < i; j++) if (added.get(j).intersects(b)) throw overlap(b, added.get(j));
            }
            return;
        }
        Map<Long, List<Box>> rows = new HashMap<>();
        List<Box> all = new ArrayList<>(existing);
        all.addAll(added);
        for (Box b : all) {
            for (long z = b.z0(); z < b.z1(); z++) {
                for (long y = b.y0(); y < b.y1(); y++) rows.computeIfAbsent(z * (1L << 31) + y, k -> new ArrayList<>(2)).add(b);
            }
        }
        for (List<Box> row : rows.values()) {
            row.sort(Comparator.comparingLong(Box::x0));
            for (int i = 1; i < row.size(); i++) if (row.get(i).x0() < row.get(i - 1).x1()) throw overlap(row.get(i), row.get(i - 1));
        }
    }

    private static IllegalArgumentException overlap(Box b, Box o) {
        return new IllegalArgumentException("mask " + b + " overlaps mask " + o);
    }
}
