package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;

/** {@code --hold-out planes:K}: which slices are kept from training and which of them validate, for K = 2 (as before), 3 and 4. */
class PlaneSplitTest {
    @TempDir Path dir;

    /** The rule of every second slice as it was written before planes:K: z = 1, 3, 5, … with z + 1 < nz, validation z % 8 == 7. */
    private static SliceReconstruction.Split oddSlicesAsBefore(int nz) {
        List<Integer> held = new ArrayList<>(), validation = new ArrayList<>();
        for (int z = 1; z + 1 < nz; z += 2) (z % 8 == 7 ? validation : held).add(z);
        return new SliceReconstruction.Split(held, validation);
    }

    @Test
    void everySecondSliceIsTheRuleOfBefore() {
        for (int nz = 0; nz <= 40; nz++) assertEquals(oddSlicesAsBefore(nz), SliceReconstruction.planeSplit(nz, 2, true), "nz " + nz);
        // the README's run: 32 slices
        assertEquals(new SliceReconstruction.Split(List.of(1, 3, 5, 9, 11, 13, 17, 19, 21, 25, 27, 29), List.of(7, 15, 23)),
                SliceReconstruction.planeSplit(32, 2, true));
    }

    @Test
    void everyThirdSliceKnownHoldsOutGapsOfTwoAndTheFourthGapValidates() {
        // known 0, 3, 6, 9, 12, 15, 18; gaps 1-2, 4-5, 7-8, 10-11 (the fourth: validation), 13-14, 16-17; slice 19 lies past 18 and stays trained
        assertEquals(new SliceReconstruction.Split(List.of(1, 2, 4, 5, 7, 8, 13, 14, 16, 17), List.of(10, 11)),
                SliceReconstruction.planeSplit(20, 3, true));
        assertEquals(new SliceReconstruction.Split(List.of(1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17), List.of()),
                SliceReconstruction.planeSplit(20, 3, false));
        assertEquals(new SliceReconstruction.Split(List.of(1, 2), List.of()), SliceReconstruction.planeSplit(4, 3, true)); // one gap
        assertEquals(new SliceReconstruction.Split(List.of(), List.of()), SliceReconstruction.planeSplit(3, 3, true)); // no whole gap
    }

    @Test
    void everyFourthSliceKnownHoldsOutGapsOfThree() {
        // known 0, 4, 8, 12, 16; gap 13-15 is the fourth; 17-19 lie past 16
        assertEquals(new SliceReconstruction.Split(List.of(1, 2, 3, 5, 6, 7, 9, 10, 11), List.of(13, 14, 15)), SliceReconstruction.planeSplit(20, 4, true));
        // 33 slices: known 0..32 step 4, gaps 0..7; gaps 3 and 7 validate
        assertEquals(new SliceReconstruction.Split(List.of(1, 2, 3, 5, 6, 7, 9, 10, 11, 17, 18, 19, 21, 22, 23, 25, 26, 27), List.of(13, 14, 15, 29, 30, 31)),
                SliceReconstruction.planeSplit(33, 4, true));
    }

    @Test
    void aSpacingUnderTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SliceReconstruction.planeSplit(10, 1, true));
    }

    @Test
    void theCorpusMasksTheSplitsSlicesWhole() {
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            byte[] v = new byte[5 * 4 * 20];
            CorpusRecord r = c.appendVolume(Volumes.wrap(v, new long[] {5, 4, 20}, ScanMetadata.builder(DataType.UINT8).build()), RecordMeta.of("ct"),
                    OptionalInt.empty());
            SliceReconstruction.Split split = SliceReconstruction.holdOutPlanesWithValidation(c, r.id(), 3);
            assertEquals(SliceReconstruction.planeSplit(20, 3, true), split);
            assertEquals(List.of(1, 2, 4, 5, 7, 8, 13, 14, 16, 17), SliceReconstruction.heldOutSlices(c, r.id()));
            assertEquals(List.of(10, 11), SliceReconstruction.validationSlices(c, r.id()));
            assertEquals(10L * 5 * 4, c.count(Role.HELD_OUT));
            assertEquals(2L * 5 * 4, c.count(Role.VALIDATION));
        }
    }
}
