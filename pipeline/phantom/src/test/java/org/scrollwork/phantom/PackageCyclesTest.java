package org.scrollwork.phantom;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of phantom depends on a package that depends back on it (issue 14).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.phantom");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("phantom");
    }
}
