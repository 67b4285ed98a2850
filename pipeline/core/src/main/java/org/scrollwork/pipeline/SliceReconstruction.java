package org.scrollwork.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;

/**
 * Held-out z slices of a volume record for the reconstruction experiment: marking every second slice
 * held-out, and finding the slices that masks hold out whole. Scoring them is the job of the {@code eval} package
 * (its {@code HeldOutSliceEvaluation}), which builds on this one: a link from here would make the packages' sources
 * a cycle ({@code pipeline -> eval -> render -> distill -> pipeline}).
 */
public final class SliceReconstruction {
    private SliceReconstruction() {}

    /** Which untrained slices a run scores (held-out, the test) and which it chooses settings and stops on (validation). */
    public record Split(List<Integer> heldOut, List<Integer> validation) {}

    /**
     * Keeps slices z = 1, 3, 5, … of a volume record from training (the last slice stays trained so every one has two
     * neighbours): those with {@code z % 8 == 7} as VALIDATION, the others HELD_OUT. Validation slices are never scored
     * as the test, and held-out slices never choose anything.
     */
    public static Split holdOutOddSlicesWithValidation(Corpus corpus, int recordId) {
        return holdOutOddSlices(corpus, recordId, true);
    }

    /** Marks slices z = 1, 3, 5, … of a volume record held-out (the last slice stays trained so every held-out slice has two neighbours). */
    public static List<Integer> holdOutOddSlices(Corpus corpus, int recordId) {
        return holdOutOddSlices(corpus, recordId, false).heldOut();
    }

    private static Split holdOutOddSlices(Corpus corpus, int recordId, boolean withValidation) {
        CorpusRecord r = corpus.record(recordId);
        long nx = r.shape().x(), ny = r.shape().y(), nz = r.shape().z();
        List<Integer> held = new ArrayList<>(), validation = new ArrayList<>();
        for (int z = 1; z + 1 < nz; z += 2) {
            boolean val = withValidation && z % 8 == 7;
            corpus.mask(recordId, new Box(0, 0, z, nx, ny, z + 1), val ? Role.VALIDATION : Role.HELD_OUT);
            (val ? validation : held).add(z);
        }
        return new Split(held, validation);
    }

    /** The z slices of a volume record that masks hold out whole (every x and y), ascending. */
    public static List<Integer> heldOutSlices(Corpus corpus, int recordId) {
        return wholeSlices(corpus, recordId, Role.HELD_OUT);
    }

    /** The z slices of a volume record that masks keep whole (every x and y) for validation, ascending. */
    public static List<Integer> validationSlices(Corpus corpus, int recordId) {
        return wholeSlices(corpus, recordId, Role.VALIDATION);
    }

    private static List<Integer> wholeSlices(Corpus corpus, int recordId, Role role) {
        CorpusRecord r = corpus.record(recordId);
        java.util.TreeSet<Integer> z = new java.util.TreeSet<>();
        for (org.scrollwork.corpus.Mask m : corpus.masks()) {
            if (m.recordId() != recordId || m.role() != role) continue;
            Box b = m.box();
            if (b.x0() == 0 && b.y0() == 0 && b.x1() >= r.shape().x() && b.y1() >= r.shape().y()) {
                for (long k = b.z0(); k < b.z1(); k++) z.add((int) k);
            }
        }
        return new ArrayList<>(z);
    }
}
