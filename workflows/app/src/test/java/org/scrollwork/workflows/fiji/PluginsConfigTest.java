package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.PlugIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code plugins.config}: the menu labels stay, and each names its own {@link ScrollworkCommand} class, without an argument. */
class PluginsConfigTest {
    private static final Pattern ENTRY = Pattern.compile("^([^,]+),\\s*\"([^\"]+)\",\\s*([\\w.]+)$");

    @Test
    void everyMenuEntryIsItsOwnPluginClass() throws Exception {
        List<String> labels = new ArrayList<>(), classes = new ArrayList<>();
        for (String line : config().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = ENTRY.matcher(line.trim());
            assertTrue(m.matches(), "not 'Menu, \"Label\", class' (no argument): " + line);
            labels.add(m.group(1).trim() + " > " + m.group(2));
            Class<?> c = Class.forName(m.group(3));
            assertTrue(PlugIn.class.isAssignableFrom(c) && ScrollworkCommand.class.isAssignableFrom(c), c + " is not a ScrollworkCommand");
            c.getConstructor().newInstance();
            classes.add(c.getName());
        }
        assertEquals(List.of("File>Import > OME-Zarr (Scrollwork)...", "File>Import > TIFF slice folder (Scrollwork)...",
                "Plugins>Scrollwork > Add image to corpus...", "Plugins>Scrollwork > Train AUNN...", "Plugins>Scrollwork > Reconstruct box...",
                "Plugins>Scrollwork > Finetune on image...", "Plugins>Scrollwork > Render record...", "Plugins>Scrollwork > Open run report..."), labels);
        assertEquals(labels.size(), classes.stream().distinct().count(), "one class per menu entry: " + classes);
    }

    private static String config() throws IOException {
        try (InputStream in = PluginsConfigTest.class.getResourceAsStream("/plugins.config")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
