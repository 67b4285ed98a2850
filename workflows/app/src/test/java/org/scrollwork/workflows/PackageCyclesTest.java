package org.scrollwork.workflows;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * No package of the workflows module depends on a package that depends back on it (issue 14).
 * Layers: {@code workflows} (the {@code scrollwork} entry point) over {@code cli} and {@code fiji}, the front ends, over
 * {@code finetune} (the job runner, also used by scaleout), over {@code app} (the application services).
 */
class PackageCyclesTest {
    /** ArchUnit on the compiled main classes: what the bytecode uses. */
    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.scrollwork.workflows");
        slices().matching("org.scrollwork.(**)").should().beFreeOfCycles().check(classes);
    }

    /**
     * The same rule on the sources, which also hold what javac leaves out of the bytecode: inlined constants
     * ({@code ScrollworkCli.EXIT_BAD_INPUT}) and javadoc links. An edge is an import or a fully qualified name.
     */
    @Test
    void sourcesAreFreeOfPackageCycles() throws IOException {
        Pattern packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        Pattern reference = Pattern.compile("\\b(org\\.scrollwork(?:\\.[a-z]\\w*)+)\\.[A-Z]");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(f);
                Matcher p = packageLine.matcher(source);
                if (!p.find()) continue;
                Set<String> out = uses.computeIfAbsent(p.group(1), k -> new TreeSet<>());
                for (Matcher m = reference.matcher(source); m.find(); ) if (!m.group(1).equals(p.group(1))) out.add(m.group(1));
            }
        }
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
                    if (!parent.containsKey(next) && !next.equals(start)) {
                        parent.put(next, at.equals(start) ? null : at);
                        todo.add(next);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles in the sources of the workflows module");
    }
}
