package org.scrollwork.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cycle search on small graphs whose cycles are known, and the files module itself. */
class PackageCyclesTest {
    @Test
    void findsEachCycleOnceFromEachPackageOnItAndNothingInALayeredGraph() {
        Map<String, Set<String>> layered = Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of());
        assertEquals(List.of(), PackageCycles.cycles(new java.util.TreeMap<>(layered)));
        Map<String, Set<String>> loop = new java.util.TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertEquals(List.of("a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c"), PackageCycles.cycles(loop));
        assertEquals(List.of("x -> x"), PackageCycles.cycles(new java.util.TreeMap<>(Map.of("x", Set.of("x")))));
    }

    @Test
    void theFilesModuleIsFreeOfPackageCycles() {
        PackageCycles.assertNoneInClasses("org.scrollwork.files");
        PackageCycles.assertNoneInSources("files");
    }
}
