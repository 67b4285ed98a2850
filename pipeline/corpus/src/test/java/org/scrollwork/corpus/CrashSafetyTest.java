package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest in a child JVM killed with SIGKILL at random moments; after each kill the corpus opens, verifies and reads back exactly. */
class CrashSafetyTest {
    @TempDir Path dir;

    @Test
    void fiveKillsLoseAtMostTheAppendInProgress() throws Exception {
        int appends = KillHarness.run(dir, 5, 20261123L);
        assertTrue(appends > 0, "the children committed something to check");
    }

    @Test
    @Tag("slow")
    void thirtyKillsLoseAtMostTheAppendInProgress() throws Exception {
        int appends = KillHarness.run(dir, 30, 314159L);
        assertTrue(appends > 0, "the children committed something to check");
    }
}
