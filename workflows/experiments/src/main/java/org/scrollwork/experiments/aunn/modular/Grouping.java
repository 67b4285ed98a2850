package org.scrollwork.experiments.aunn.modular;

import java.util.Arrays;

/**
 * Which module of a {@link ModularAunn} owns an index: group {@code g} is the interval
 * {@code [starts[g], starts[g + 1])}, the last group runs to the end of the index space. E.g. one group per scroll,
 * starting at each scroll's first record.
 */
public record Grouping(long[] starts) {
    public Grouping {
        if (starts.length == 0 || starts[0] != 0) throw new IllegalArgumentException("groups must start at index 0");
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] <= starts[i - 1]) throw new IllegalArgumentException("group starts must increase: " + Arrays.toString(starts));
        }
        starts = starts.clone();
    }

    public int groups() {
        return starts.length;
    }

    /** The group of {@code index} (non-negative). */
    public int groupOf(long index) {
        int i = Arrays.binarySearch(starts, index);
        return i >= 0 ? i : -i - 2;
    }
}
