package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.workflows.app.RunReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork report RUN}: where a run's report.html is (and, with --open, shows it in the browser). */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Prints (or opens) a run's report.html.",
        description = {"Prints the path of a run's report.html (written by scrollwork eval and scrollwork demo);",
                "--open opens it in the system browser. A run without a report says how to write one."})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory") Path run;

    @Option(names = "--open", description = "open the report in the browser") boolean open;

    @Override public Integer call() {
        Path report = open ? RunReports.open(run) : RunReports.locate(run);
        json.human(spec).println(report.toAbsolutePath());
        ObjectNode j = json.object();
        j.put("run", run.toString());
        j.put("report", report.toAbsolutePath().toString());
        j.put("opened", open);
        return json.emit(spec, j);
    }
}
