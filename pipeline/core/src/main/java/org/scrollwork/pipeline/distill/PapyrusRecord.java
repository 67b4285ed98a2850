package org.scrollwork.pipeline.distill;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.Mask;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.prior.PapyrusText;

/**
 * A corpus TEXT record in papyrus form (only the 24 capitals, UTF-8, see {@link LetterBytes}), as letters: the index of
 * each letter's lead and continuation byte, and whether the letter is visible. A letter is hidden when either of its
 * bytes is masked HELD_OUT or UNKNOWN; its stored bytes are then never used as evidence (the letter string holds
 * {@value #HIDDEN} there).
 *
 * @param recordId the corpus record
 * @param offset   the record's first index (letter i: lead byte {@code offset + 2i}, continuation {@code offset + 2i + 1})
 * @param letters  the visible letters, {@value #HIDDEN} at hidden ones
 * @param roles    per letter: TRAIN, HELD_OUT or UNKNOWN
 */
public record PapyrusRecord(int recordId, long offset, String letters, Role[] roles) {

    /** Placeholder of a hidden letter in {@link #letters}. */
    public static final char HIDDEN = '?';

    public int length() { return letters.length(); }

    public long leadIndex(int letter) { return offset + 2L * letter; }

    public long continuationIndex(int letter) { return offset + 2L * letter + 1; }

    public boolean visible(int letter) { return roles[letter] == Role.TRAIN; }

    /** Runs of hidden letters, as {@code [from, to)} letter ranges in order. */
    public List<int[]> hiddenSpans() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < length(); ) {
            if (visible(i)) { i++; continue; }
            int j = i;
            while (j < length() && !visible(j)) j++;
            out.add(new int[] {i, j});
            i = j;
        }
        return out;
    }

    /**
     * Reads a TEXT record as papyrus letters.
     *
     * @throws IllegalArgumentException naming the corpus and record if it is not a text, or a visible byte pair is not
     *     a Greek capital
     */
    public static PapyrusRecord read(Corpus corpus, int recordId) {
        CorpusRecord r = corpus.record(recordId);
        String where = "corpus " + corpus.directory() + " record " + recordId;
        if (r.kind() != RecordKind.TEXT) throw new IllegalArgumentException(where + " is " + r.kind() + ", not a text");
        if (r.length() % 2 != 0) throw new IllegalArgumentException(where + " has an odd number of bytes (" + r.length() + "): not papyrus form");
        int n = Math.toIntExact(r.length() / 2);
        byte[] bytes = new byte[2 * n];
        corpus.read(r.offset(), bytes, 0, bytes.length);
        Role[] roles = new Role[n];
        java.util.Arrays.fill(roles, Role.TRAIN);
        for (Mask m : corpus.masks()) {
            if (m.recordId() != recordId) continue;
            for (long b = m.box().x0(); b < m.box().x1(); b++) roles[(int) (b / 2)] = m.role();
        }
        StringBuilder letters = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (roles[i] != Role.TRAIN) { letters.append(HIDDEN); continue; }
            int lead = bytes[2 * i] & 0xFF, k = LetterBytes.letterOfContinuation(bytes[2 * i + 1]);
            if (lead != LetterBytes.LEAD || k < 0) {
                throw new IllegalArgumentException(where + ": bytes " + (2 * i) + ".." + (2 * i + 1) + " are not a Greek capital (0x"
                        + Integer.toHexString(lead) + " 0x" + Integer.toHexString(bytes[2 * i + 1] & 0xFF) + "): not papyrus form");
            }
            letters.append(PapyrusText.ALPHABET.charAt(k));
        }
        return new PapyrusRecord(recordId, r.offset(), letters.toString(), roles);
    }

    /** Every TEXT record of the corpus whose visible bytes are papyrus form (others are skipped). */
    public static List<PapyrusRecord> all(Corpus corpus) {
        List<PapyrusRecord> out = new ArrayList<>();
        for (CorpusRecord r : corpus.records()) {
            if (r.kind() != RecordKind.TEXT) continue;
            try {
                out.add(read(corpus, r.id()));
            } catch (IllegalArgumentException notPapyrus) {
                // other texts (transcriptions with spaces, JSON) are not distilled
            }
        }
        return out;
    }
}
