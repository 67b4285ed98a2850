package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Prefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headless macro calls: a folder the macro leaves out is an error that names it and shows a call, never a remembered path. */
class FijiMacroOptionsTest {
    @TempDir Path dir;

    @Test
    void aMacroThatLeavesOutAFolderIsToldWhichWithAnExampleEvenWhenAnEarlierCallRememberedOne() {
        Prefs.set(ScrollworkCommand.PREF + "run", dir.toString()); // what an earlier call in this JVM remembered
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacroRun.run(new OpenRunReport(), "unrelated=1"));
        assertTrue(e.getMessage().contains("'run' is required") && e.getMessage().contains("run(\"Open run report\", \"run=...\")"), e.getMessage());
        IllegalArgumentException train = assertThrows(IllegalArgumentException.class, () -> MacroRun.run(new TrainAunn(), "steps=5"));
        assertTrue(train.getMessage().contains("'corpus' is required") && train.getMessage().contains("corpus=... run=..."), train.getMessage());
    }
}
