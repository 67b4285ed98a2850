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
}
