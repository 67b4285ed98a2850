package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.files.ChecksumTrailer;
import org.scrollwork.files.ChecksummedFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A damaged file ends in exit code 3 and one line naming it wherever its error comes from: a subcommand (such as one
 * a {@link Subcommand} adds) that throws the checked {@code CorruptFileException}, or wraps it in an
 * {@link UncheckedIOException}, used to end in exit code 1 ("internal error" with a stack trace, or the wrapper's
 * message with the class name).
 */
class CorruptFileExitCodeTest {
    @TempDir Path dir;

    private static final ChecksummedFile FRAMED = new ChecksummedFile("TESTMAGC".getBytes(StandardCharsets.US_ASCII),
            ChecksumTrailer.crc32AsLong(), "a framed test file");

    /** Reads a framed file. */
    @Command(name = "read-framed")
    static final class ReadFramed implements Callable<Integer> {
        @Parameters Path file;
        @Option(names = "--unchecked") boolean unchecked;

        @Override public Integer call() throws IOException {
            try {
                FRAMED.read(file, 0);
            } catch (IOException e) {
                if (unchecked) throw new UncheckedIOException(e);
                throw e;
            }
            return 0;
        }
    }

    private record Result(int exit, String err) {}

    private static Result run(String... args) {
        CommandLine cl = ScrollworkCli.commandLine();
        cl.addSubcommand(new ReadFramed());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), err.toString());
    }

    @Test
    void aDamagedFileIsBadInputNamedInOneLineThrownOrWrapped() throws IOException {
        Path good = dir.resolve("good.bin");
        FRAMED.write(good, "TESTMAGC and a body".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, run("read-framed", good.toString()).exit());
        byte[] bytes = Files.readAllBytes(good);
        bytes[10] ^= 1;
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, bytes);
        String line = "scrollwork: " + bad + ": checksum mismatch: truncated or corrupted" + System.lineSeparator();
        for (String[] args : new String[][] {{"read-framed", bad.toString()}, {"read-framed", "--unchecked", bad.toString()}}) {
            Result r = run(args);
            assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
            assertEquals(line, r.err());
        }
        Result missing = run("read-framed", "--unchecked", dir.resolve("missing.bin").toString());
        assertEquals(ScrollworkCli.EXIT_FAILURE, missing.exit(), "a missing file is no damaged one: " + missing.err());
    }
}
