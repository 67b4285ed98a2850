package org.scrollwork.experiments.aunn.inverse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.IndexSchedule;

/**
 * Hard samples found by running the model backwards: every {@code refreshEvery} steps an
 * {@link InverseQuery} looks for the indices whose prediction is closest to an "uncertain output" (a
 * target distribution, e.g. uniform over the 256 bytes), each hit is snapped to the nearest TRAIN index
 * and widened to {@code window} consecutive TRAIN ranks around it; {@code round(fraction · batchSize)} of
 * each batch is drawn uniformly from that pool, the rest uniformly from all TRAIN ranks.
 *
 * <p>Holds a reference to the model being trained (it queries the current weights). Not part of
 * snapshots: a resumed run refreshes the pool at its next refresh step.
 */
public final class InverseMined implements IndexSchedule {
    private final AunnModel model;
    private final int batchSize;
    private final double fraction;
    private final int refreshEvery;
    private final int window;
    private final double[] target;
    private final InverseQuery.Options options;
    private final long seed;
    private long[] pool = new long[0];
    private int refreshes;

    public InverseMined(AunnModel model, int batchSize, double fraction, int refreshEvery, int window, double[] target, InverseQuery.Options options, long seed) {
        if (batchSize < 1 || refreshEvery < 1 || window < 1) throw new IllegalArgumentException("batch size, refresh interval and window must be positive");
        if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        this.model = model;
        this.batchSize = batchSize;
        this.fraction = fraction;
        this.refreshEvery = refreshEvery;
        this.window = window;
        this.target = target.clone();
        this.options = options;
        this.seed = seed;
    }

    /** The current pool of mined TRAIN indices. */
    public long[] pool() { return pool.clone(); }

    /** How many inverse queries have run. */
    public int refreshes() { return refreshes; }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        if (step % refreshEvery == 0 || pool.length == 0) refresh(source, n, step);
        SplitMix64 r = SplitMix64.forKey(seed, 505, step);
        long[] out = new long[batchSize];
        int hard = pool.length == 0 ? 0 : (int) Math.round(fraction * batchSize);
        for (int i = 0; i < hard; i++) out[i] = pool[(int) r.nextLong(pool.length)];
        for (int i = hard; i < batchSize; i++) out[i] = source.index(Role.TRAIN, r.nextLong(n));
        return out;
    }

    private void refresh(IndexedByteSource source, long n, long step) {
        InverseQuery.Options o = new InverseQuery.Options(options.searchBits(), options.restarts(), options.steps(), options.lr(), options.seed() + step);
        List<InverseQuery.Hit> hits = InverseQuery.distribution(model, target, 0, o);
        Set<Long> mined = new LinkedHashSet<>();
        for (InverseQuery.Hit h : hits) {
            long rank = nearestRank(source, n, h.index());
            long from = Math.max(0, rank - window / 2), to = Math.min(n, from + window);
            for (long k = from; k < to; k++) mined.add(source.index(Role.TRAIN, k));
        }
        List<Long> l = new ArrayList<>(mined);
        pool = l.stream().mapToLong(Long::longValue).toArray();
        refreshes++;
    }

    /** The TRAIN rank whose index is nearest to {@code index} (binary search over ranks, O(log n) lookups). */
    public static long nearestRank(IndexedByteSource source, long n, long index) {
        long lo = 0, hi = n - 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (source.index(Role.TRAIN, mid) < index) lo = mid + 1;
            else hi = mid;
        }
        if (lo > 0 && index - source.index(Role.TRAIN, lo - 1) < Math.abs(source.index(Role.TRAIN, lo) - index)) return lo - 1;
        return lo;
    }
}
