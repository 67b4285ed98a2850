package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork verify DIR}: checks every byte of a corpus against its checksums. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks every segment of a corpus against its CRC32C checksums and names each damaged record. Exit code 3 if any is damaged.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(paramLabel = "DIR") Path dir;

    @Override public Integer call() {
        try (Corpus corpus = Corpus.open(dir, Corpus.OpenMode.SALVAGE)) {
            VerifyReport r = corpus.verify();
            ObjectNode j = json.object();
            j.put("corpus", dir.toString());
            j.put("ok", r.ok());
            j.put("recordsChecked", r.recordsChecked());
            j.put("bytesChecked", r.bytesChecked());
            var damaged = j.putArray("damaged");
            for (VerifyReport.Damage d : r.damaged()) damaged.add(d.toString());
            if (r.ok()) {
                json.human(spec).printf("ok: %d records, %d bytes checked%n", r.recordsChecked(), r.bytesChecked());
                return json.emit(spec, j);
            }
            for (VerifyReport.Damage d : r.damaged()) spec.commandLine().getErr().println("damaged: " + d);
            json.emit(spec, j);
            return ExitCodes.BAD_INPUT;
        }
    }
}
