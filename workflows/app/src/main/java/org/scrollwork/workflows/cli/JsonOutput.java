package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option every subcommand shares (a picocli mixin): with it, stdout carries exactly one JSON object
 * (what the command wrote and measured) and everything meant for people goes to stderr; without it, people's output goes
 * to stdout and no JSON is printed. Progress bars are always on stderr.
 */
public final class JsonOutput {
    @Option(names = "--json", description = "print one JSON object on stdout (files written, numbers) and send all other output to stderr")
    boolean enabled;

    /** Whether --json was given. */
    public boolean enabled() { return enabled; }

    /** Where people's output goes: stdout, or stderr with --json. */
    public PrintWriter human(CommandSpec spec) {
        return enabled ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** A fresh JSON object to fill. */
    public ObjectNode object() { return Json.MAPPER.createObjectNode(); }

    /** Prints {@code result} on stdout when --json was given; returns exit code 0. */
    public int emit(CommandSpec spec, Object result) {
        if (enabled) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.write(result));
            out.flush();
        }
        return 0;
    }
}
