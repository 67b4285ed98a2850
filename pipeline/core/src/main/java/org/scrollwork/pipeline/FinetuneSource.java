package org.scrollwork.pipeline;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.Mask;

/**
 * What a finetune trains on: the records {@code [firstRecord, endRecord)} of a corpus (a scroll
 * appended after the data the base model learned), plus optionally a replay buffer of the older
 * records. A view: no bytes are copied, and bytes are read from the corpus.
 *
 * <p>Roles: HELD_OUT and UNKNOWN indices are those of the new records only, so evaluation scores
 * the new scroll. TRAIN ranks {@code [0, R)} are the replay buffer, a stratified random sample of
 * the old records' TRAIN indices (rank bin {@code j} of {@code R} equal bins of the old ranks gives
 * one index, drawn with {@code seed}); ranks {@code [R, R + N)} are the new records' {@code N}
 * TRAIN indices. {@code R = round(N * replay / (1 - replay))}, capped at the old TRAIN count, so a
 * uniform schedule draws old bytes with probability {@code replay}. Replay indices all lie below the
 * new records, so ranks stay in increasing index order as {@link IndexedByteSource} requires.
 *
 * <p>The fingerprint covers the content of the records {@code [0, endRecord)} and their masks
 * ({@link Corpus#fingerprint(int)}: not where they were ingested from), the range, the replay fraction and seed:
 * appending further records to the corpus later does not change it. A snapshot recorded under the rule before
 * (a CRC32C of the records' ids, offsets, lengths and CRCs, which changed with source paths) still matches
 * ({@link #matchesFingerprint}).
 */
public final class FinetuneSource implements IndexedByteSource {
    private final Corpus corpus;
    private final int firstRecord;
    private final int endRecord;
    private final double replay;
    private final long seed;
    private final long from;
    private final long to;
    /** Per role: rank in the corpus of the first index at or after {@code from}. */
    private final long[] base = new long[Role.values().length];
    /** Per role: number of indices in {@code [from, to)}. */
    private final long[] count = new long[Role.values().length];
    private final long oldTrain;
    private final long replayCount;
    private final String fingerprint;
    private final String legacyFingerprint;

    /**
     * @param firstRecord first new record (usually the METADATA record of the new scroll's first append)
     * @param endRecord   one past the last new record
     * @param replay      fraction of TRAIN draws taken from older records, in {@code [0, 1)}
     * @param seed        seeds the replay sample
     * @throws IllegalArgumentException if the range is empty or outside the corpus, or {@code replay} is out of range
     */
    public FinetuneSource(Corpus corpus, int firstRecord, int endRecord, double replay, long seed) {
        List<CorpusRecord> records = corpus.records();
        if (firstRecord < 0 || endRecord <= firstRecord || endRecord > records.size()) {
            throw new IllegalArgumentException("new records [" + firstRecord + ", " + endRecord + ") are not a non-empty range of the "
                    + records.size() + " records of corpus " + corpus.directory());
        }
        if (!(replay >= 0 && replay < 1)) throw new IllegalArgumentException("replay fraction must be in [0, 1): " + replay);
        this.corpus = corpus;
        this.firstRecord = firstRecord;
        this.endRecord = endRecord;
        this.replay = replay;
        this.seed = seed;
        this.from = records.get(firstRecord).offset();
        this.to = records.get(endRecord - 1).end();
        for (Role r : Role.values()) {
            base[r.ordinal()] = rankBelow(corpus, r, from);
            count[r.ordinal()] = rankBelow(corpus, r, to) - base[r.ordinal()];
        }
        this.oldTrain = base[Role.TRAIN.ordinal()];
        long n = count[Role.TRAIN.ordinal()];
        this.replayCount = Math.min(oldTrain, Math.round(n * replay / (1 - replay)));
        String view = ":records " + firstRecord + ".." + endRecord + ":replay " + replay + "@" + seed;
        this.fingerprint = corpus.fingerprint(endRecord) + view;
        this.legacyFingerprint = legacyFingerprintOf(corpus, endRecord) + view;
    }

    /** Number of {@code role} indices of the corpus below {@code limit}: binary search over ranks. */
    static long rankBelow(IndexedByteSource s, Role role, long limit) {
        long lo = 0, hi = s.count(role); // answer in [lo, hi]
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (s.index(role, mid) < limit) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The fingerprint of the records before content fingerprints; kept so that finetunes recorded with it resume. */
    private static String legacyFingerprintOf(Corpus corpus, int endRecord) {
        CRC32C crc = new CRC32C();
        StringBuilder sb = new StringBuilder().append(corpus.indexBits()).append(';');
        for (CorpusRecord r : corpus.records().subList(0, endRecord)) {
            sb.append(r.id()).append(',').append(r.offset()).append(',').append(r.length()).append(',').append(r.crc32c()).append(';');
        }
        for (Mask m : corpus.masks()) if (m.recordId() < endRecord) sb.append(m).append(';');
        crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("crc32c:%08x", crc.getValue());
    }

    /** First index of the new records. */
    public long from() { return from; }

    /** One past the last index of the new records. */
    public long to() { return to; }

    /** Number of old TRAIN indices in the replay buffer. */
    public long replayCount() { return replayCount; }

    /** Fraction of TRAIN ranks that replay old records (below the requested one when the old records are too few). */
    public double effectiveReplay() {
        long all = count(Role.TRAIN);
        return all == 0 ? 0 : (double) replayCount / all;
    }

    @Override public int indexBits() { return corpus.indexBits(); }

    /** The whole corpus's layout: the records it trains on decode as they do in the corpus. */
    @Override public org.scrollwork.aunn.data.IndexLayout layout() { return corpus.layout(); }

    @Override public long count(Role role) {
        return count[role.ordinal()] + (role == Role.TRAIN ? replayCount : 0);
    }

    @Override public long index(Role role, long k) {
        long total = count(role);
        if (k < 0 || k >= total) throw new IndexOutOfBoundsException("rank " + k + " of " + total + " " + role + " indices");
        if (role == Role.TRAIN) {
            if (k < replayCount) return corpus.index(Role.TRAIN, replayRank(k));
            k -= replayCount;
        }
        return corpus.index(role, base[role.ordinal()] + k);
    }

    /** Old TRAIN rank of replay slot {@code j}: one draw from bin {@code [lo(j), lo(j+1))} of {@code R} equal bins. */
    private long replayRank(long j) {
        long lo = binStart(j);
        long hi = binStart(j + 1);
        return lo + SplitMix64.forKey(seed, 0x7265706CL, j).nextLong(hi - lo);
    }

    /** {@code floor(j * oldTrain / replayCount)}, exact. */
    private long binStart(long j) {
        long q = oldTrain / replayCount;
        long r = oldTrain % replayCount;
        long extra;
        try {
            extra = Math.multiplyExact(j, r) / replayCount;
        } catch (ArithmeticException e) {
            extra = BigInteger.valueOf(j).multiply(BigInteger.valueOf(r)).divide(BigInteger.valueOf(replayCount)).longValueExact();
        }
        return j * q + extra;
    }

    @Override public int byteAt(long index) {
        if (index < 0 || index >= to) throw new IllegalArgumentException("index " + index + " is outside the finetune's records (below " + to + ")");
        return corpus.byteAt(index);
    }

    @Override public String fingerprint() { return fingerprint; }

    /** The fingerprint by the rule before content fingerprints (see the class comment). */
    String legacyFingerprint() { return legacyFingerprint; }

    /** Whether {@code recorded} is {@link #fingerprint()} or {@link #legacyFingerprint()}. */
    @Override public boolean matchesFingerprint(String recorded) { return fingerprint.equals(recorded) || legacyFingerprint.equals(recorded); }

    @Override public String toString() {
        return "records " + firstRecord + ".." + endRecord + " of " + corpus.directory() + " (indices " + from + ".." + to + ", replay "
                + replayCount + " old bytes)";
    }
}
