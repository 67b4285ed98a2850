package org.scrollwork.corpus;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of corpus depends on a package that depends back on it (issue 14).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.corpus");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("corpus");
    }
}
