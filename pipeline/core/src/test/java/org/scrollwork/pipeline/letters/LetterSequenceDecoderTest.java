package org.scrollwork.pipeline.letters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;

class LetterSequenceDecoderTest {
    private static final String A = PapyrusText.ALPHABET;

    /** A bigram model from an explicit table: row 24 is the start (no letter seen). */
    private record Bigram(double[][] p) implements CharModel {
        @Override public double[][] nextLogProbs(String left, List<String> suffixes) {
            double[][] out = new double[suffixes.size()][];
            for (int i = 0; i < out.length; i++) {
                String s = left + suffixes.get(i);
                double[] row = p[s.isEmpty() ? 24 : A.indexOf(s.charAt(s.length() - 1))];
                out[i] = new double[24];
                for (int l = 0; l < 24; l++) out[i][l] = Math.log(row[l]);
            }
            return out;
        }

        @Override public double[][] suffixLetterLogProbs(String left, List<String> suffixes) { throw new UnsupportedOperationException(); }

        @Override public String describe() { return "test bigram"; }
    }

    /** After Α: Β 0.6, Γ 0.1; after Β: Δ 0.5; after Γ: Δ 0.2; the rest of each row spread evenly; start uniform. */
    private static Bigram handModel() {
        double[][] p = new double[25][24];
        for (double[] row : p) java.util.Arrays.fill(row, 1.0 / 24);
        set(p[0], 1, 0.6, 2, 0.1);
        set(p[1], 3, 0.5);
        set(p[2], 3, 0.2);
        return new Bigram(p);
    }

    private static void set(double[] row, double... letterProb) {
        double rest = 1;
        boolean[] fixed = new boolean[24];
        for (int i = 0; i < letterProb.length; i += 2) {
            row[(int) letterProb[i]] = letterProb[i + 1];
            fixed[(int) letterProb[i]] = true;
            rest -= letterProb[i + 1];
        }
        int free = 0;
        for (boolean f : fixed) if (!f) free++;
        for (int l = 0; l < 24; l++) if (!fixed[l]) row[l] = rest / free;
    }

    private static LetterEvidence read(double beta, double gamma) {
        double[] q = new double[24];
        q[1] = beta;
        q[2] = gamma;
        return new LetterEvidence.Read(q);
    }

    @Test
    void thePriorFlipsAnAmbiguousLetterAndTheScoreIsTheClosedForm() {
        // Α ? Δ with the reader slightly for Γ (0.55 vs 0.45): Β scores 0.6 · 0.5 · 0.45 = 0.135, Γ 0.1 · 0.2 · 0.55 = 0.011
        List<LetterEvidence> ev = List.of(new LetterEvidence.Known('Α'), read(0.45, 0.55), new LetterEvidence.Known('Δ'));
        LetterSequenceDecoder d = new LetterSequenceDecoder(handModel(), 8, 1.0, 16);
        LetterSequenceDecoder.Result r = d.decode(ev);
        assertEquals("ΑΒΔ", r.letters());
        assertEquals(1, r.changed());
        assertEquals(Math.log(1.0 / 24) + Math.log(0.6) + Math.log(0.45) + Math.log(0.5), r.logScore(), 1e-12);
        assertEquals(Math.log(1.0 / 24) + Math.log(0.1) + Math.log(0.55) + Math.log(0.2), d.score("ΑΓΔ", ev), 1e-12);
    }

    @Test
    void aConfidentReaderOutweighsThePrior() {
        // Γ: 0.1 · 0.2 · 0.999 = 0.01998 against Β: 0.6 · 0.5 · 0.001 = 0.0003
        List<LetterEvidence> ev = List.of(new LetterEvidence.Known('Α'), read(0.001, 0.999), new LetterEvidence.Known('Δ'));
        LetterSequenceDecoder.Result r = new LetterSequenceDecoder(handModel(), 8, 1.0, 16).decode(ev);
        assertEquals("ΑΓΔ", r.letters());
        assertEquals(0, r.changed());
        // a reader weight of 0.5 halves its log-evidence: Γ 0.02 · 0.999^0.5 against Β 0.3 · 0.001^0.5 = 0.0095: still Γ;
        // weight 0.25: Γ 0.02 · 0.99975 = 0.019995 against Β 0.3 · 0.1778 = 0.0533: Β
        assertEquals("ΑΓΔ", new LetterSequenceDecoder(handModel(), 8, 0.5, 16).decode(ev).letters());
        assertEquals("ΑΒΔ", new LetterSequenceDecoder(handModel(), 8, 0.25, 16).decode(ev).letters());
    }

    @Test
    void anExhaustiveBeamFindsTheBruteForceOptimum() {
        Random rnd = new Random(7);
        double[][] p = new double[25][24];
        for (double[] row : p) {
            double s = 0;
            for (int l = 0; l < 24; l++) s += row[l] = Math.pow(rnd.nextDouble(), 3) + 1e-3;
            for (int l = 0; l < 24; l++) row[l] /= s;
        }
        Bigram m = new Bigram(p);
        List<LetterEvidence> ev = new ArrayList<>();
        ev.add(new LetterEvidence.Known('Κ'));
        for (int i = 0; i < 3; i++) {
            double[] q = new double[24];
            for (int l = 0; l < 24; l++) q[l] = rnd.nextDouble();
            ev.add(new LetterEvidence.Read(q));
            if (i == 1) ev.add(new LetterEvidence.Known('Ο'));
        }
        double w = 0.7;
        // brute force over the 24^3 fillings with the score written out from the table
        double best = Double.NEGATIVE_INFINITY;
        String bestText = null;
        for (int a = 0; a < 24; a++) for (int b = 0; b < 24; b++) for (int c = 0; c < 24; c++) {
            int[] fill = {a, b, c};
            StringBuilder t = new StringBuilder();
            double s = 0;
            int prev = 24, f = 0;
            for (LetterEvidence e : ev) {
                int l;
                if (e instanceof LetterEvidence.Known k) l = A.indexOf(k.letter());
                else {
                    double[] q = ((LetterEvidence.Read) e).probs();
                    double sum = java.util.Arrays.stream(q).sum();
                    l = fill[f++];
                    s += w * Math.log(q[l] / sum);
                }
                s += Math.log(p[prev][l]);
                prev = l;
                t.append(A.charAt(l));
            }
            if (s > best) { best = s; bestText = t.toString(); }
        }
        LetterSequenceDecoder exhaustive = new LetterSequenceDecoder(m, 24 * 24 * 24, w, 40);
        LetterSequenceDecoder.Result r = exhaustive.decode(ev);
        assertEquals(bestText, r.letters());
        assertEquals(best, r.logScore(), 1e-9);
        assertEquals(best, exhaustive.score(bestText, ev), 1e-9);
        // a bigram needs one letter of context: merging hypotheses on it keeps the search exact with a beam of 24
        assertEquals(bestText, new LetterSequenceDecoder(m, 24, w, 1).decode(ev).letters());
    }

    @Test
    void readerWeightZeroIsThePriorAlone() {
        List<LetterEvidence> ev = List.of(new LetterEvidence.Known('Α'), read(0.0, 1.0));
        LetterSequenceDecoder.Result r = new LetterSequenceDecoder(handModel(), 4, 0, 16).decode(ev);
        assertEquals("ΑΒ", r.letters());
        assertEquals(Math.log(1.0 / 24) + Math.log(0.6), r.logScore(), 1e-12);
    }
}
