package org.scrollwork.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;

/**
 * Held-out z slices of a volume record for the reconstruction experiment: marking every second slice (or all but every
 * K-th) held-out, and finding the slices that masks hold out whole. Scoring them is the job of the {@code eval} package
 * (its {@code HeldOutSliceEvaluation}), which builds on this one: a link from here would make the packages' sources
 * a cycle ({@code pipeline -> eval -> render -> distill -> pipeline}).
 */
public final class SliceReconstruction {
    private SliceReconstruction() {}

    /** Which untrained slices a run scores (held-out, the test) and which it chooses settings and stops on (validation). */
    public record Split(List<Integer> heldOut, List<Integer> validation) {}

    /** Of the gaps between known planes, every this many is the validation set (the last of each run of this many). */
    public static final int VALIDATION_GAP_EVERY = 4;

    /**
     * Keeps slices z = 1, 3, 5, … of a volume record from training (the last slice stays trained so every one has two
     * neighbours): those with {@code z % 8 == 7} as VALIDATION, the others HELD_OUT. Validation slices are never scored
     * as the test, and held-out slices never choose anything. The same as {@link #holdOutPlanesWithValidation} with 2.
     */
    public static Split holdOutOddSlicesWithValidation(Corpus corpus, int recordId) {
        return holdOutPlanesWithValidation(corpus, recordId, 2);
    }

    /**
     * Keeps from training the slices of a volume record that {@link #planeSplit} chooses for {@code every}: VALIDATION and
     * HELD_OUT (the test) as it splits them.
     */
    public static Split holdOutPlanesWithValidation(Corpus corpus, int recordId, int every) {
        return mask(corpus, recordId, planeSplit(corpus.record(recordId).shape().z(), every, true));
    }

    /** Marks slices z = 1, 3, 5, … of a volume record held-out (the last slice stays trained so every held-out slice has two neighbours). */
    public static List<Integer> holdOutOddSlices(Corpus corpus, int recordId) {
        return mask(corpus, recordId, planeSplit(corpus.record(recordId).shape().z(), 2, false)).heldOut();
    }

    /**
     * The slices of a record {@code nz} slices deep kept from training when every {@code every}-th one (z % every == 0) is
     * known: the {@code every - 1} slices of each gap between two known slices; slices past the last known one stay
     * trained, so each kept slice has a known one on either side. With {@code withValidation}, the slices of every
     * {@value #VALIDATION_GAP_EVERY}th gap (gap g, the slices g·every + 1 … g·every + every − 1, with
     * {@code g % 4 == 3}) are the validation set: whole gaps, so the interpolation baselines of the test slices still
     * read only known slices, and validation and test slices lie at the same distances from them. With 2 this is
     * z = 1, 3, 5, … with z % 8 == 7 for validation.
     *
     * @throws IllegalArgumentException when {@code every} is under 2
     */
    public static Split planeSplit(long nz, int every, boolean withValidation) {
        if (every < 2) throw new IllegalArgumentException("the spacing of the known slices must be 2 or more: " + every);
        List<Integer> held = new ArrayList<>(), validation = new ArrayList<>();
        for (long gap = 0; (gap + 1) * every < nz; gap++) {
            boolean val = withValidation && gap % VALIDATION_GAP_EVERY == VALIDATION_GAP_EVERY - 1;
            for (long z = gap * every + 1; z < (gap + 1) * every; z++) (val ? validation : held).add((int) z);
        }
        return new Split(held, validation);
    }

    /** Masks each slice of the split whole, in ascending order: validation ones VALIDATION, the others HELD_OUT. */
    private static Split mask(Corpus corpus, int recordId, Split split) {
        CorpusRecord r = corpus.record(recordId);
        long nx = r.shape().x(), ny = r.shape().y();
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(split.heldOut());
        all.addAll(split.validation());
        java.util.Set<Integer> validation = new java.util.HashSet<>(split.validation());
        for (int z : all) corpus.mask(recordId, new Box(0, 0, z, nx, ny, z + 1), validation.contains(z) ? Role.VALIDATION : Role.HELD_OUT);
        return split;
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
