package org.scrollwork.experiments;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment found: its headline (one or two sentences with the key number and whether the
 * mechanism helped), its tables, its plots (file stem → image, e.g. {@code "curves"} → {@code curves.png})
 * and any extra numbers worth keeping in the JSON summary.
 */
public record ExperimentResult(String headline, List<ResultTable> tables, Map<String, BufferedImage> plots, Map<String, Object> numbers) {
    public ExperimentResult {
        if (tables.isEmpty()) throw new IllegalArgumentException("an experiment result needs at least one table");
        tables = List.copyOf(tables);
        plots = new LinkedHashMap<>(plots);
        numbers = new LinkedHashMap<>(numbers);
        for (String stem : plots.keySet()) {
            if (!stem.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("plot name must be a plain file stem: " + stem);
        }
    }
}
