package org.scrollwork.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

    @Test
    void typedGettersUseGivenValuesOrDefaultsAndRecordWhatWasUsed() {
        ExperimentConfig c = new ExperimentConfig("x.yaml", Map.of("steps", 300, "lr", 0.002, "serial", true, "widths", List.of(32, 64), "typo", 1));
        assertEquals(300, c.intValue("steps", 10));
        assertEquals(0.002, c.doubleValue("lr", 1e-3));
        assertEquals(true, c.booleanValue("serial", false));
        assertEquals(List.of(32.0, 64.0), c.doubleList("widths", List.of()));
        assertEquals(7, c.intValue("seed", 7));
        assertEquals(Map.of("steps", 300, "lr", 0.002, "serial", true, "widths", List.of(32.0, 64.0), "seed", 7), c.resolved());
        assertEquals(Set.of("typo"), c.unused());
    }

    @Test
    void wrongTypesNameTheFileAndTheKey() {
        ExperimentConfig c = new ExperimentConfig("online.yaml", Map.of("steps", "many", "lr", 0.5));
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class, () -> c.intValue("steps", 1));
        assertTrue(e.getMessage().contains("online.yaml") && e.getMessage().contains("'steps'") && e.getMessage().contains("many"), e.getMessage());
        assertThrows(ExperimentConfigException.class, () -> c.intValue("lr", 1));
        assertThrows(ExperimentConfigException.class, () -> c.booleanValue("lr", true));
    }

    @Test
    void overridesFromTheCommandLineAreParsedAsNumbersAndBooleans() {
        ExperimentConfig c = ExperimentConfig.empty().with("steps", "1200").with("lr", "3e-4").with("serial", "true").with("name", "b");
        assertEquals(1200, c.intValue("steps", 0));
        assertEquals(3e-4, c.doubleValue("lr", 0));
        assertTrue(c.booleanValue("serial", false));
        assertEquals("b", c.stringValue("name", "a"));
    }

    @Test
    void setCanGiveAListAndItsErrorsBlameTheOptionNotTheFile() {
        ExperimentConfig c = new ExperimentConfig("experiments/decoding.yaml", Map.of("ranges", List.of(4, 8)))
                .with("ranges", "[1,16]").with("empty", "[]").with("one", "[ 2.5 ]");
        assertEquals(List.of(1.0, 16.0), c.doubleList("ranges", List.of()));
        assertEquals(List.of(), c.doubleList("empty", List.of(7.0)));
        assertEquals(List.of(2.5), c.doubleList("one", List.of()));
        ExperimentConfig bad = c.with("ranges", "[1,x]");
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class, () -> bad.doubleList("ranges", List.of()));
        assertEquals("--set ranges=[1,x]: 'ranges' must be a list of numbers, not '[1, x]'", e.getMessage());
        ExperimentConfig fromFile = new ExperimentConfig("experiments/decoding.yaml", Map.of("ranges", "wide"));
        assertTrue(assertThrows(ExperimentConfigException.class, () -> fromFile.doubleList("ranges", List.of())).getMessage()
                .startsWith("experiments/decoding.yaml: 'ranges'"));
    }

    enum Shape { ROUND, FLAT_TOP }

    @Test
    void enumsPathsAndIntegerListsAndCommaSeparatedLists() {
        ExperimentConfig c = new ExperimentConfig("x.yaml", Map.of("shape", "flat-top", "shapes", List.of("round", "FLAT-TOP"), "beams", List.of(16, 32),
                "out", "a/b.swlm", "none", "")).with("lrs", "0.1,0.2").with("more", "round,flat-top").with("one", "8");
        assertEquals(Shape.FLAT_TOP, c.enumValue("shape", Shape.class, Shape.ROUND));
        assertEquals(List.of(Shape.ROUND, Shape.FLAT_TOP), c.enumList("shapes", Shape.class, List.of()));
        assertEquals(List.of(Shape.ROUND, Shape.FLAT_TOP), c.enumList("more", Shape.class, List.of()));
        assertEquals(List.of(16, 32), c.intList("beams", List.of()));
        assertEquals(List.of(8), c.intList("one", List.of()));
        assertEquals(List.of(0.1, 0.2), c.doubleList("lrs", List.of()));
        assertEquals(java.nio.file.Path.of("a/b.swlm"), c.pathValue("out", java.nio.file.Path.of("x")));
        assertEquals(java.util.Optional.empty(), c.optionalPath("none"));
        assertEquals(java.util.Optional.empty(), c.optionalPath("absent"));
        assertEquals("flat-top", c.resolved().get("shape")); // recorded as the config names it, so config.json reruns
        assertEquals(List.of("round", "flat-top"), c.resolved().get("shapes"));
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class, () -> c.with("shape", "oval").enumValue("shape", Shape.class, Shape.ROUND));
        assertEquals("--set shape=oval: 'shape' must be one of round, flat-top, not 'oval'", e.getMessage());
        assertThrows(ExperimentConfigException.class, () -> c.with("beams", "16,3.5").intList("beams", List.of()));
    }

    /** A typed config as an experiment keeps it, validated in its constructor. */
    record Budget(int steps) {
        Budget {
            InvalidSetting.atLeast("steps", steps, 1);
        }
    }

    @Test
    void validatedBlamesWhereTheRefusedValueCameFrom() {
        ExperimentConfig file = new ExperimentConfig("exp.yaml", Map.of("steps", 0));
        assertEquals("exp.yaml: 'steps' must be at least 1, not '0'",
                assertThrows(ExperimentConfigException.class, () -> file.validated(() -> new Budget(file.intValue("steps", 5)))).getMessage());
        ExperimentConfig set = file.with("steps", "-2");
        assertEquals("--set steps=-2: 'steps' must be at least 1, not '-2'",
                assertThrows(ExperimentConfigException.class, () -> set.validated(() -> new Budget(set.intValue("steps", 5)))).getMessage());
        assertEquals(new Budget(5), ExperimentConfig.empty().validated(() -> new Budget(5)));
        assertEquals("'steps' must be at least 1, not '0'", assertThrows(InvalidSetting.class, () -> new Budget(0)).getMessage());
    }
}
