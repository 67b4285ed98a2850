package org.scrollwork.pipeline.distill;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a hidden letter's prediction comes from: the AUNN's letter distribution before distillation (scan and corpus
 * evidence alone) and after (with the prior), and the KL divergence KL(after || before) in bits — how far the prior
 * moved it. A KL near 0 means the prediction is the evidence's; a large KL with a changed top letter means the prior
 * decided it.
 */
public record Provenance(int recordId, int letter, long index, char topBefore, double pBefore, char topAfter, double pAfter, double klBits) {

    /** One entry per hidden letter of the record. */
    public static List<Provenance> of(PapyrusRecord record, double[][] before, double[][] after) {
        List<Provenance> out = new ArrayList<>();
        for (int i = 0; i < record.length(); i++) {
            if (record.visible(i)) continue;
            char tb = Distiller.argmax(before[i]), ta = Distiller.argmax(after[i]);
            out.add(new Provenance(record.recordId(), i, record.continuationIndex(i), tb, max(before[i]), ta, max(after[i]), klBits(after[i], before[i])));
        }
        return out;
    }

    /** KL(p || q) in bits. */
    public static double klBits(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < p.length; k++) if (p[k] > 0) s += p[k] * Math.log(p[k] / Math.max(q[k], 1e-300));
        return s / Math.log(2);
    }

    private static double max(double[] p) {
        double m = 0;
        for (double x : p) m = Math.max(m, x);
        return m;
    }
}
