package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.pipeline.run.RunConfig;
import org.scrollwork.pipeline.run.RunDirectory;
import org.scrollwork.prior.CorpusException;

/**
 * The corpus that the language prior of {@code demo} and {@code run --text} is counted on: the SBLGNT, fetched from
 * Debian and cached on first use as {@code lm train} does (said on stderr), or, only when it cannot be had, the
 * transcription's own visible letters (a one-line warning). A run directory that already holds a config keeps the
 * prior it was started with, and nothing is fetched for it.
 */
final class PipelinePrior {
    /** Longest reason quoted in the warning. */
    private static final int REASON_CHARS = 240;

    private PipelinePrior() {}

    /**
     * The SBLGNT for the prior of a run in {@code runDir}, or empty for the transcription's letters.
     *
     * @param fetch false to use the cache only (no download; {@code --no-fetch})
     * @param err   where the fetch and the warning are said
     */
    static Optional<Path> sblgnt(Path runDir, SblgntSupply supply, boolean fetch, PrintWriter err) {
        Path stored = runDir.resolve(RunDirectory.CONFIG);
        if (Files.isRegularFile(stored)) {
            String prior = new RunDirectory(runDir).config().prior();
            return prior.startsWith("sblgnt:") ? Optional.of(Path.of(prior.substring("sblgnt:".length()))) : Optional.empty();
        }
        Path cached = supply.cached();
        if (Files.isRegularFile(cached)) return Optional.of(cached);
        if (!fetch) return Optional.empty();
        err.printf("fetching the SBLGNT from Debian's bibledit-data (apt-get download, about 40 MB) for the language prior ...%n");
        err.flush();
        try {
            Path db = supply.fetch();
            err.printf("... cached in %s%n", db);
            return Optional.of(db);
        } catch (CorpusException e) {
            err.printf("scrollwork: warning: the SBLGNT cannot be had (%s); the language prior is counted on the transcription's own "
                    + "visible letters%n", oneLine(e.getMessage()));
            return Optional.empty();
        } finally {
            err.flush();
        }
    }

    /** {@code config} with its prior counted on the SBLGNT found by {@link #sblgnt}, or on the transcription. */
    static RunConfig choose(RunConfig config, Path runDir, SblgntSupply supply, boolean fetch, PrintWriter err) {
        return config.withPrior(sblgnt(runDir, supply, fetch, err).orElse(null));
    }

    private static String oneLine(String s) {
        String line = s == null ? "unknown error" : s.replaceAll("\\s+", " ").strip();
        return line.length() <= REASON_CHARS ? line : line.substring(0, REASON_CHARS) + " …";
    }
}
