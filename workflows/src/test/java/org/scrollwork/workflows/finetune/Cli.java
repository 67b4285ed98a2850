package org.scrollwork.workflows.finetune;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.scrollwork.workflows.ScrollworkCli;
import picocli.CommandLine;

/** Runs the command line in-process, capturing its output. */
final class Cli {
    record Result(int exit, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        CommandLine cl = ScrollworkCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
