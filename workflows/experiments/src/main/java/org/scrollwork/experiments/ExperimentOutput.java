package org.scrollwork.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scrollwork.files.AtomicFiles;

/**
 * Writes an experiment's results into its output directory, each file atomically: {@code results.md}
 * (headline and Markdown tables, ready to paste into docs/mechanisms.md), {@code table-N.csv}, one PNG per plot,
 * {@code results.json} (headline, numbers, resolved config, wall time, tables) and {@code config.json}
 * (the resolved config alone, to rerun it).
 */
public final class ExperimentOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExperimentOutput() {}

    /** Writes the files and returns the JSON summary that {@code results.json} holds. */
    public static ObjectNode write(Experiment experiment, ExperimentConfig config, ExperimentResult result, double wallSeconds, Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder md = new StringBuilder("## ").append(experiment.name()).append("\n\n").append(experiment.summary()).append("\n\n")
                    .append(result.headline()).append("\n\n");
            for (ResultTable t : result.tables()) md.append(t.toMarkdown()).append('\n');
            for (String stem : result.plots().keySet()) md.append("![").append(stem).append("](").append(stem).append(".png)\n");
            AtomicFiles.writeBytes(dir.resolve("results.md"), md.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < result.tables().size(); i++) {
                AtomicFiles.writeBytes(dir.resolve("table-" + (i + 1) + ".csv"), result.tables().get(i).toCsv().getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, java.awt.image.BufferedImage> p : result.plots().entrySet()) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(p.getValue(), "png", png);
                AtomicFiles.writeBytes(dir.resolve(p.getKey() + ".png"), png.toByteArray());
            }
            ObjectNode summary = MAPPER.createObjectNode();
            summary.put("experiment", experiment.name());
            summary.put("headline", result.headline());
            summary.put("wallSeconds", wallSeconds);
            summary.put("output", dir.toAbsolutePath().toString());
            summary.set("config", MAPPER.valueToTree(config.resolved()));
            summary.set("numbers", MAPPER.valueToTree(result.numbers()));
            ArrayNode tables = summary.putArray("tables");
            for (ResultTable t : result.tables()) {
                ObjectNode to = tables.addObject();
                to.put("title", t.title());
                to.set("columns", MAPPER.valueToTree(t.columns()));
                to.set("rows", MAPPER.valueToTree(t.rows()));
            }
            AtomicFiles.writeBytes(dir.resolve("results.json"), MAPPER.writeValueAsBytes(summary));
            AtomicFiles.writeBytes(dir.resolve("config.json"), MAPPER.writeValueAsBytes(config.resolved()));
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write experiment results to " + dir + ": " + e.getMessage(), e);
        }
    }
}
