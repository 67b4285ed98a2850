package org.scrollwork.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.workflows.ScrollworkCli;
import org.scrollwork.workflows.Subcommand;
import org.scrollwork.workflows.cli.Json;
import org.scrollwork.workflows.cli.ConsoleProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scrollwork experiment NAME}: runs a research experiment (one of the proposal's mechanisms, or a study behind the numbers in docs/). The research
 * harness contributes it to the product's command line as a {@link Subcommand}; the product does not depend on it.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        header = "Runs a research experiment: one of the AUNN proposal's mechanisms or a study behind docs/ (table, plot, JSON).",
        description = {"Runs an experiment end to end with its default config (experiments/NAME.yaml, bundled in the jar)",
                "or --config FILE, with --set KEY=VALUE overrides. Writes results.md (Markdown tables for docs/mechanisms.md), table-N.csv,",
                "PNG plots, results.json and config.json (every setting used) to --out. --list shows the experiments."})
public final class ExperimentCommand implements Subcommand {
    private static final ObjectMapper YAML = new YAMLMapper();

    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "experiment to run (see --list)") String name;
    @Option(names = "--list", description = "list the experiments and exit") boolean list;
    @Option(names = "--config", paramLabel = "FILE.yaml", description = "config file (default: the experiment's bundled config)") Path configFile;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one setting (repeatable)") List<String> overrides = List.of();
    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: experiment-results/NAME)") Path out;
    @Option(names = "--json", description = "print the results as one JSON object on stdout") boolean json;

    @Override public Integer call() throws IOException {
        try {
            return run();
        } catch (ExperimentConfigException e) {
            spec.commandLine().getErr().println("scrollwork: " + e.getMessage());
            return ScrollworkCli.EXIT_BAD_INPUT;
        }
    }

    private int run() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list || name == null) {
            for (Experiment e : Experiments.all()) stdout.printf("%-24s %s%n", e.name(), e.summary());
            return 0;
        }
        Experiment experiment = Experiments.named(name);
        ExperimentConfig config = configFile != null ? load(configFile) : bundled(experiment.name());
        for (String kv : overrides) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ExperimentConfigException("--set wants KEY=VALUE, not '" + kv + "'");
            config = config.with(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        Path dir = out != null ? out : Path.of("experiment-results", experiment.name());
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("experiment %s: %s%n", experiment.name(), experiment.summary());
        long t0 = System.nanoTime();
        ExperimentResult result = experiment.run(config, work, new ConsoleProgress(err, "  ")); // phases as lines on stderr, steps as bars
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!config.unused().isEmpty()) err.println("warning: settings not used by " + experiment.name() + " (misspelt?): " + config.unused());
        var summary = ExperimentOutput.write(experiment, config, result, seconds, dir);
        if (json) {
            stdout.println(Json.write(summary));
        } else {
            stdout.println(result.headline());
            stdout.println();
            result.tables().forEach(t -> stdout.println(t.toMarkdown()));
            stdout.printf("results: %s (%.0f s)%n", dir.resolve("results.md"), seconds);
        }
        return 0;
    }

    /** The config bundled in the jar for this experiment, or an empty one (every default) if it has none. */
    static ExperimentConfig bundled(String name) {
        String resource = "experiments/" + name + ".yaml";
        try (InputStream in = ExperimentCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return ExperimentConfig.empty();
            return parse(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExperimentConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read experiment config " + file + ": " + e.getMessage(), e);
        }
    }

    private static ExperimentConfig parse(String source, InputStream in) throws IOException {
        JsonNode doc;
        try {
            doc = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ExperimentConfigException(source + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) return new ExperimentConfig(source, Map.of());
        if (!doc.isObject()) throw new ExperimentConfigException(source + ": must be a mapping of settings (key: value)");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            if (e.getValue().isObject()) throw new ExperimentConfigException(source + ": '" + e.getKey() + "' must be a value or a list, not a mapping");
            values.put(e.getKey(), YAML.treeToValue(e.getValue(), Object.class));
        }
        return new ExperimentConfig(source, values);
    }
}
