package org.scrollwork.workflows;

import org.junit.jupiter.api.Test;
import org.scrollwork.testing.PackageCycles;

/**
 * No package of workflows/app depends on a package that depends back on it (issue 14).
 * Layers: {@code workflows} (the {@code scrollwork} entry point) over {@code cli} and {@code fiji}, the front ends, over
 * {@code finetune} (the job runner, also used by scaleout), over {@code app} (the application services).
 */
class PackageCyclesTest {
    @Test
    void compiledPackagesAreFreeOfCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.workflows");
    }

    @Test
    void sourcesAreFreeOfPackageCycles() {
        PackageCycles.assertNoneInSources("workflows/app");
    }
}
