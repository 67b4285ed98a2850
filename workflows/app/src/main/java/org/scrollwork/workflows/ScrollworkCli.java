package org.scrollwork.workflows;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ServiceLoader;
import org.scrollwork.aunn.snapshot.SnapshotException;
import org.scrollwork.corpus.CorpusBusyException;
import org.scrollwork.files.CorruptFile;
import org.scrollwork.io.FormatException;
import org.scrollwork.pipeline.run.RegionException;
import org.scrollwork.prior.CorpusException;
import org.scrollwork.prior.LacunaFileException;
import org.scrollwork.prior.ModelFileException;
import org.scrollwork.workflows.cli.ConvertCommand;
import org.scrollwork.workflows.cli.CorpusCommand;
import org.scrollwork.workflows.cli.DemoCommand;
import org.scrollwork.workflows.cli.DistillCommand;
import org.scrollwork.workflows.cli.EvalCommand;
import org.scrollwork.workflows.cli.ExitCodes;
import org.scrollwork.workflows.cli.FinetuneCommand;
import org.scrollwork.workflows.cli.InfoCommand;
import org.scrollwork.workflows.cli.IngestCommand;
import org.scrollwork.workflows.cli.LmCommand;
import org.scrollwork.workflows.cli.MaskCommand;
import org.scrollwork.workflows.cli.PhantomCommand;
import org.scrollwork.workflows.cli.RenderCommand;
import org.scrollwork.workflows.cli.ReportCommand;
import org.scrollwork.workflows.cli.RunCommand;
import org.scrollwork.workflows.cli.SampleCommand;
import org.scrollwork.workflows.cli.TrainCommand;
import org.scrollwork.workflows.cli.VerifyCommand;
import org.scrollwork.workflows.finetune.FinetuneException;
import org.scrollwork.workflows.finetune.JobSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code scrollwork} command line: one subcommand per stage of the pipeline. */
@Command(name = "scrollwork", mixinStandardHelpOptions = true, version = "scrollwork 0.1.0",
        description = "Reconstructs Herculaneum scrolls from X-ray CT scans with an Absolute Unit Neural Network.",
        subcommands = {DemoCommand.class, PhantomCommand.class, InfoCommand.class, ConvertCommand.class,
                IngestCommand.class, CorpusCommand.class, VerifyCommand.class, MaskCommand.class, TrainCommand.class,
                RunCommand.class, EvalCommand.class, RenderCommand.class, SampleCommand.class, ReportCommand.class, FinetuneCommand.class, LmCommand.class, DistillCommand.class,
                CommandLine.HelpCommand.class})
public final class ScrollworkCli {

    /** Exit code for bad input data (a file that is not what it claims, a corrupt store): {@link ExitCodes#BAD_INPUT}. */
    public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;
    /** Exit code when another process is writing the corpus (its lock is held): {@link ExitCodes#BUSY}. */
    public static final int EXIT_BUSY = ExitCodes.BUSY;
    /** Exit code for other failures (I/O errors, bugs): {@link ExitCodes#FAILURE}. */
    public static final int EXIT_FAILURE = ExitCodes.FAILURE;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, with the {@link Subcommand}s found on the class path; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScrollworkCli());
        for (Subcommand extra : ServiceLoader.load(Subcommand.class)) cl.addSubcommand(extra);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // the README writes enum values in lower case
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof CorpusBusyException) {
                err.println("scrollwork: " + ex.getMessage());
                return EXIT_BUSY;
            }
            if (ex instanceof FormatException || ex instanceof SnapshotException
                    || ex instanceof JobSpecException || ex instanceof ModelFileException || ex instanceof CorpusException
                    || ex instanceof LacunaFileException
                    || ex instanceof RegionException) {
                err.println("scrollwork: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            // a damaged file anywhere in the chain (a checked CorruptFileException, one wrapped in an UncheckedIOException)
            Throwable corrupt = CorruptFile.in(ex).orElse(null);
            if (corrupt != null) {
                err.println("scrollwork: " + corrupt.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException || ex instanceof FinetuneException) {
                err.println("scrollwork: " + ex.getMessage());
                return EXIT_FAILURE;
            }
            err.println("scrollwork: internal error: " + ex);
            ex.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return cl;
    }
}
