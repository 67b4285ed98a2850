package org.scrollwork.pipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.scrollwork.pipeline.distill.Provenance;
import org.scrollwork.pipeline.render.TextRender;

/**
 * {@code text-N-provenance.json} ({@link TextReport}): a text record's hidden letters, and with the language prior how many
 * of them it decided. Fields about the prior are left out of a render without one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextProvenance(int record, int hiddenLetters, Long decidedByPrior, List<HiddenLetter> letters) {

    /**
     * A hidden letter: its position in the record and byte index, the AUNN's reading and its probability, and with the prior
     * the reading with it, its probability, the KL divergence in bits between the two, and whether the prior changed it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HiddenLetter(int letter, long index, String aunn, double pAunn, String withPrior, Double pWithPrior, Double klBits, Boolean decidedByPrior) {
        static HiddenLetter of(Provenance p, boolean prior) {
            return prior ? new HiddenLetter(p.letter(), p.index(), String.valueOf(p.topBefore()), p.pBefore(), String.valueOf(p.topAfter()), p.pAfter(), p.klBits(),
                    p.topBefore() != p.topAfter())
                    : new HiddenLetter(p.letter(), p.index(), String.valueOf(p.topBefore()), p.pBefore(), null, null, null, null);
        }
    }

    static TextProvenance of(TextRender t) {
        boolean prior = t.withPrior() != null;
        return new TextProvenance(t.recordId(), t.hidden().size(), prior ? t.decidedByPrior() : null,
                t.hidden().stream().map(p -> HiddenLetter.of(p, prior)).toList());
    }
}
