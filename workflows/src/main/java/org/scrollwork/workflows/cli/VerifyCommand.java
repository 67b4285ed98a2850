package org.scrollwork.workflows.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.VerifyReport;
import org.scrollwork.workflows.ScrollworkCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork verify DIR}: checks every byte of a corpus against its checksums. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks every segment of a corpus against its CRC32C checksums and names each damaged record. Exit code 3 if any is damaged.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR") Path dir;

    @Override public Integer call() {
        try (Corpus corpus = Corpus.open(dir, Corpus.OpenMode.SALVAGE)) {
            VerifyReport r = corpus.verify();
            if (r.ok()) {
                spec.commandLine().getOut().printf("ok: %d records, %d bytes checked%n", r.recordsChecked(), r.bytesChecked());
                return 0;
            }
            for (VerifyReport.Damage d : r.damaged()) spec.commandLine().getErr().println("damaged: " + d);
            return ScrollworkCli.EXIT_BAD_INPUT;
        }
    }
}
