package org.scrollwork.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.pipeline.run.RunConfig;
import org.scrollwork.pipeline.run.RunDirectory;
import org.scrollwork.prior.CorpusException;
import org.scrollwork.workflows.ScrollworkCli;
import picocli.CommandLine;

/** Where the prior of {@code demo} and {@code run --text} gets the SBLGNT; a stand-in supply, so nothing is downloaded. */
class PipelinePriorTest {
    @TempDir Path dir;

    /** A supply caching in {@code cache}, whose fetch writes the file (or fails with {@code failure}), counting its calls. */
    private static final class StandIn implements SblgntSupply {
        final Path cache;
        final CorpusException failure;
        final AtomicInteger fetches = new AtomicInteger();

        StandIn(Path cache, CorpusException failure) {
            this.cache = cache;
            this.failure = failure;
        }

        @Override public Path cached() { return cache; }

        @Override public Path fetch() {
            fetches.incrementAndGet();
            if (failure != null) throw failure;
            try {
                Files.createDirectories(cache.getParent());
                Files.writeString(cache, "SQLite format 3\0");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return cache;
        }
    }

    private final StringWriter err = new StringWriter();

    private Optional<Path> sblgnt(SblgntSupply s, boolean fetch) {
        return PipelinePrior.sblgnt(dir.resolve("run"), s, fetch, new PrintWriter(err, true));
    }

    @Test
    void aCachedCorpusIsUsedWithoutFetching() throws IOException {
        StandIn s = new StandIn(dir.resolve("cache").resolve("sblgnt.sqlite"), null);
        s.fetch();
        s.fetches.set(0);
        assertEquals(Optional.of(s.cache), sblgnt(s, true));
        assertEquals(0, s.fetches.get());
        assertEquals("", err.toString());
    }

    @Test
    void anAbsentCorpusIsFetchedAndSaidSo() {
        StandIn s = new StandIn(dir.resolve("cache").resolve("sblgnt.sqlite"), null);
        assertEquals(Optional.of(s.cache), sblgnt(s, true));
        assertEquals(1, s.fetches.get());
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("fetching the SBLGNT from Debian's bibledit-data"), lines.get(0));
        assertEquals("... cached in " + s.cache, lines.get(1));
    }

    @Test
    void whenThePackageCannotBeHadOneWarningLineAndTheTextIsTheCorpus() {
        StandIn s = new StandIn(dir.resolve("cache").resolve("sblgnt.sqlite"),
                new CorpusException(dir.resolve("cache").resolve("sblgnt.sqlite"), "apt-get download -q bibledit-data exited with 100: E: Unable to locate package\nW: no network"));
        assertEquals(Optional.empty(), sblgnt(s, true));
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), "the fetch, then one warning line: " + err);
        assertTrue(lines.get(1).startsWith("scrollwork: warning: the SBLGNT cannot be had (") && lines.get(1).contains("exited with 100: E: Unable to locate package W: no network")
                && lines.get(1).endsWith("counted on the transcription's own visible letters"), lines.get(1));
    }

    @Test
    void noFetchUsesTheCacheOnly() {
        StandIn s = new StandIn(dir.resolve("cache").resolve("sblgnt.sqlite"), null);
        assertEquals(Optional.empty(), sblgnt(s, false));
        assertEquals(0, s.fetches.get());
        assertEquals("", err.toString());
    }

    @Test
    void aRunDirectoryKeepsThePriorItWasStartedWith() throws IOException {
        StandIn s = new StandIn(dir.resolve("cache").resolve("sblgnt.sqlite"), null);
        s.fetch(); // cached now, but the run was started on the transcription's letters
        RunConfig started = RunConfig.of(dir.resolve("scan.tif"), 0, 16, 10, 1).withPrior(null);
        new RunDirectory(dir.resolve("run")).bindConfig(started);
        assertEquals(Optional.empty(), sblgnt(s, true));
        assertEquals(1, s.fetches.get(), "no second fetch");
        assertEquals("text", PipelinePrior.choose(started.withPrior(s.cache), dir.resolve("run"), s, true, new PrintWriter(err)).prior());
    }

    /** John 1:1-5 and 1:14. */
    private static final String JOHN = "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. οὗτος ἦν ἐν ἀρχῇ πρὸς "
            + "τὸν θεόν. πάντα δι' αὐτοῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγένετο οὐδὲ ἕν. ὃ γέγονεν ἐν αὐτῷ ζωὴ ἦν, καὶ ἡ ζωὴ ἦν τὸ "
            + "φῶς τῶν ἀνθρώπων· καὶ τὸ φῶς ἐν τῇ σκοτίᾳ φαίνει, καὶ ἡ σκοτία αὐτὸ οὐ κατέλαβεν. Καὶ ὁ λόγος σὰρξ ἐγένετο "
            + "καὶ ἐσκήνωσεν ἐν ἡμῖν. ";

    /** A stand-in for Debian's package: its fetch writes a small database with the SBLGNT's schema (John, and a verse per other book). */
    private static final class TinyDebian implements SblgntSupply {
        final Path cache;
        int fetches;

        TinyDebian(Path cache) { this.cache = cache; }

        @Override public Path cached() { return cache; }

        @Override public Path fetch() {
            fetches++;
            try {
                Files.createDirectories(cache.getParent());
                try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cache)) {
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE sblgnt (book integer, chapter integer, verse integer, greek text)");
                    }
                    try (java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO sblgnt VALUES (?, 1, 1, ?)")) {
                        for (int book = 40; book <= 66; book++) {
                            for (String word : (book == 43 ? JOHN.repeat(4) : "ἀγαπητοί, ἀγαπῶμεν ἀλλήλους, ὅτι ἡ ἀγάπη ἐκ τοῦ θεοῦ ἐστιν").split(" ")) {
                                ins.setInt(1, book);
                                ins.setString(2, word);
                                ins.executeUpdate();
                            }
                        }
                    }
                }
            } catch (IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return cache;
        }
    }

    /**
     * The demo on a fresh machine: the SBLGNT is fetched (said on stderr) into the cache, gives the phantom its text (John)
     * and the prior its training books (John left out, as it holds the transcription).
     */
    @Test
    void theDemoFetchesTheCorpusAndCountsItsPriorOnIt() throws IOException {
        CommandLine cl = ScrollworkCli.commandLine();
        DemoCommand demo = cl.getSubcommands().get("demo").getCommand();
        TinyDebian debian = new TinyDebian(dir.resolve("cache").resolve("greek").resolve("sblgnt.sqlite"));
        demo.sblgntSupply = debian;
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path run = dir.resolve("run");
        assertEquals(0, cl.execute("demo", "--run", run.toString(), "--size", "64,64,64", "--crop", "32", "--steps", "10", "--distill-steps", "4"), err.toString());
        assertEquals(1, debian.fetches);
        assertTrue(err.toString().contains("fetching the SBLGNT from Debian's bibledit-data") && err.toString().contains("... cached in " + debian.cache),
                err.toString());
        assertEquals("sblgnt:" + debian.cache.toAbsolutePath(), new RunDirectory(run).config().prior());
        String written = Files.readString(run.resolve("phantom").resolve("text.txt")).strip();
        assertTrue(written.length() > 16 && org.scrollwork.prior.PapyrusText.normalize(JOHN.repeat(4)).letters().contains(written), "the phantom writes John: " + written);
        JsonNode distill = new ObjectMapper().readTree(run.resolve("stages").resolve("distill.json").toFile());
        assertEquals("SBLGNT training books without John (they contain the transcription) from " + debian.cache.toAbsolutePath(),
                distill.path("priorText").asText(), distill.toString());
    }
}
