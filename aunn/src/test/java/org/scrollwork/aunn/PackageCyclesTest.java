package org.scrollwork.aunn;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of aunn depends on a package that depends back on it (issue 14).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.aunn");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("aunn");
    }
}
