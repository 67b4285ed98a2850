package org.scrollwork.phantom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The invariants at 512 x 512 x 256 fine voxels (24 winds), as the CLI's --size allows. About 10 s of CPU, 700 MB. */
@Tag("slow")
class PhantomLargeTest {

    @Test void largePhantomKeepsTheInvariants() {
        PhantomConfig config = PhantomConfig.forSize(512, 512, 256);
        Phantom phantom = PhantomGenerator.generate(config);
        PhantomChecks.sheetAreaMatchesTheClosedForm(config, phantom);
        PhantomChecks.windsAreSeparatedByAir(config, phantom);
        PhantomChecks.inkLiesInPapyrusAtItsSurface(config, phantom);
        PhantomChecks.letterLabelsAgreeWithTheTruth(config, phantom);
    }
}
