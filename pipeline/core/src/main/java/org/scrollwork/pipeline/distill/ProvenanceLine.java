package org.scrollwork.pipeline.distill;

/**
 * A line of {@value DistillStage#PROVENANCE}: a hidden letter of a record (its position and byte index), the AUNN's letter
 * and probability before distillation (alone) and after it (with the prior), and the KL divergence in bits between the two.
 */
record ProvenanceLine(int record, int letter, long index, String aunnAlone, double pAlone, String withPrior, double pWithPrior, double klBits) {
    static ProvenanceLine of(Provenance p) {
        return new ProvenanceLine(p.recordId(), p.letter(), p.index(), String.valueOf(p.topBefore()), p.pBefore(), String.valueOf(p.topAfter()), p.pAfter(),
                p.klBits());
    }
}
