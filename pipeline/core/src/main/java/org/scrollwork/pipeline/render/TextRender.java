package org.scrollwork.pipeline.render;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.pipeline.distill.Distiller;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.pipeline.distill.Provenance;

/**
 * A papyrus-form text record read back from AUNNs: visible letters are the corpus's evidence; each hidden
 * (held-out or unknown) letter is the most probable letter of the AUNN trained on the evidence alone and,
 * when a distilled model is given, of the AUNN with the language prior. Both readings are kept, with each
 * hidden letter's provenance (how far the prior moved it, in bits), so a reader sees which letters the
 * prior decided: papyrologists reject letters a model invented.
 *
 * <p>Readings mark every predicted letter in brackets, one letter each: {@code ΕΝΑΡΧ[Η]ΗΝ}.
 */
public record TextRender(int recordId, String evidence, String withoutPrior, String withPrior, List<Provenance> hidden) {

    /** Hidden letters whose best letter differs with and without the prior. */
    public long decidedByPrior() { return hidden.stream().filter(p -> p.topBefore() != p.topAfter()).count(); }

    /**
     * Reads {@code record} with {@code base} and, if not null, {@code withPrior}.
     */
    public static TextRender of(PapyrusRecord record, AunnModel base, AunnModel withPrior) {
        double[][] before = Distiller.letterDistributions(base, record);
        double[][] after = withPrior == null ? before : Distiller.letterDistributions(withPrior, record);
        List<Provenance> prov = Provenance.of(record, before, after);
        return new TextRender(record.recordId(), record.letters(), reading(record, before), withPrior == null ? null : reading(record, after), prov);
    }

    private static String reading(PapyrusRecord record, double[][] dist) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < record.length(); i++) {
            if (record.visible(i)) b.append(record.letters().charAt(i));
            else b.append('[').append(Distiller.argmax(dist[i])).append(']');
        }
        return b.toString();
    }

    /** Spans of consecutive hidden letters as [first, end) letter positions. */
    public List<int[]> hiddenSpans() {
        List<int[]> out = new ArrayList<>();
        for (Provenance p : hidden) {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == p.letter()) out.get(out.size() - 1)[1]++;
            else out.add(new int[] {p.letter(), p.letter() + 1});
        }
        return out;
    }
}
