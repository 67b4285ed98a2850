package org.scrollwork.prior;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which part of a corpus split by work a work belongs to, decided by its id alone: the first 8 bytes of the SHA-256 of
 * the id (UTF-8), read as an unsigned big-endian number, modulo 100; 0–4 is test, 5–9 validation, 10–99 train (about
 * 90/5/5 % of the works). A work keeps its part however the corpus grows or is reordered, so a model trained on one
 * checkout of a repository is never tested on a work it trained on in another.
 */
public enum WorkSplit {
    TRAIN, VALIDATION, TEST;

    /** Hash buckets below this are test. */
    static final int TEST_BUCKETS = 5;
    /** Hash buckets below this (and at least {@link #TEST_BUCKETS}) are validation. */
    static final int VALIDATION_BUCKETS_END = 10;

    /** The part of the work {@code workId} (e.g. {@code tlg0012.tlg001}). */
    public static WorkSplit of(String workId) {
        int bucket = bucket(workId);
        return bucket < TEST_BUCKETS ? TEST : bucket < VALIDATION_BUCKETS_END ? VALIDATION : TRAIN;
    }

    /** The work's hash bucket, 0–99. */
    static int bucket(String workId) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(workId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (h[i] & 0xff);
        return (int) Long.remainderUnsigned(v, 100);
    }
}
