package org.scrollwork.prior;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of language-prior depends on a package that depends back on it (issue 14).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.prior");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("language-prior");
    }
}
