package org.scrollwork.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The check every module's {@code PackageCyclesTest} makes (issue 14): no package depends on a package that depends
 * back on it, in the compiled classes (ArchUnit) and in the sources, which also hold what javac leaves out of the
 * bytecode (inlined constants, javadoc links). A module's tests call it with their module's root package.
 */
public final class PackageCycles {
    private static final Pattern PACKAGE_LINE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** An import or a fully qualified name of a project type. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.scrollwork(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    private PackageCycles() {}

    /** ArchUnit's cycle rule on the module's compiled main classes under {@code rootPackage}. */
    public static void assertNoneInClasses(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
        slices().matching("org.scrollwork.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The same rule on the module's main sources ({@code src/main/java} of the working directory, the module's folder). */
    public static void assertNoneInSources(String module) {
        Map<String, Set<String>> uses = sourceEdges(Path.of("src", "main", "java"));
        assertEquals(List.of(), cycles(uses), "package cycles in the sources of " + module);
    }

    /** Package to the project packages its sources name. */
    static Map<String, Set<String>> sourceEdges(Path root) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(f);
                Matcher p = PACKAGE_LINE.matcher(source);
                if (!p.find()) continue;
                Set<String> out = uses.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                for (Matcher m = REFERENCE.matcher(source); m.find(); ) if (!m.group(1).equals(p.group(1))) out.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** One cycle through each package that lies on one, as {@code a -> b -> a}. */
    static List<String> cycles(Map<String, Set<String>> uses) {
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            Map<String, String> parent = new HashMap<>();
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                String at = todo.poll();
                for (String next : uses.getOrDefault(at, Set.of())) {
                    if (next.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String p = at.equals(start) ? null : at; p != null; p = parent.get(p)) path.add(1, p);
                        path.add(start);
                        cycles.add(String.join(" -> ", path));
                        todo.clear();
                        break;
                    }
                    if (!parent.containsKey(next)) {
                        parent.put(next, at.equals(start) ? null : at);
                        todo.add(next);
                    }
                }
            }
        }
        return cycles;
    }
}
