package org.scrollwork.pipeline;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of pipeline/core depends on a package that depends back on it (issue 14).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.pipeline");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("pipeline/core");
    }
}
