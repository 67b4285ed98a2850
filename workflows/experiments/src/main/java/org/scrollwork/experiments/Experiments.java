package org.scrollwork.experiments;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The experiments on the class path, by name (found with {@link ServiceLoader}). */
public final class Experiments {
    private Experiments() {}

    /** All experiments, sorted by name. */
    public static List<Experiment> all() {
        Map<String, Experiment> byName = new TreeMap<>();
        for (Experiment e : ServiceLoader.load(Experiment.class, Experiments.class.getClassLoader())) {
            Experiment old = byName.put(e.name(), e);
            if (old != null) throw new IllegalStateException("two experiments named " + e.name() + ": " + old.getClass() + ", " + e.getClass());
        }
        return List.copyOf(byName.values());
    }

    /** The experiment called {@code name}; the error lists the known ones. */
    public static Experiment named(String name) {
        List<Experiment> all = all();
        for (Experiment e : all) {
            if (e.name().equals(name)) return e;
        }
        throw new ExperimentConfigException("no experiment named '" + name + "'; known: "
                + String.join(", ", all.stream().map(Experiment::name).toList()));
    }
}
