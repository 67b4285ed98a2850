package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PriorModels;
import picocli.CommandLine.Command;

/** {@code scrollwork lm}: the Greek letter language prior (train, eval, restore). */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "The Greek language prior: a letter model of papyrus-form Greek (24 capitals, no spaces or accents). Default corpus: the SBLGNT from Debian's bibledit-data (fetched with apt-get download on first use and cached in ~/.cache/scrollwork/greek); split by book: train 40-59, validation 60-61, test 62-66.",
        subcommands = {LmTrainCommand.class, LmEvalCommand.class, LmRestoreCommand.class})
public final class LmCommand implements Runnable {

    /** Order of the fallback n-gram model used when no model file is given. */
    static final int FALLBACK_ORDER = 6;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Prints what the corpus is and its letters per part: {@code corpus: …} and {@code split: train … letters in … books, …}. */
    static void printSplit(PrintWriter out, GreekCorpus c, GreekCorpus.Split s) {
        out.printf("corpus: %s%n", c.describe());
        out.printf("split: train %d letters in %d %s, validation %d in %d, test %d in %d%n", s.trainLetters(), s.train().size(),
                s.train().size() == 1 ? "book" : "books", s.validationLetters(), s.validation().size(), s.testLetters(), s.test().size());
        out.flush();
    }

    /** The letters and books per part as JSON fields ({@code trainLetters}, {@code trainDocuments}, …). */
    static void putSplit(ObjectNode j, GreekCorpus.Split s) {
        j.put("trainLetters", s.trainLetters());
        j.put("trainDocuments", s.train().size());
        j.put("validationLetters", s.validationLetters());
        j.put("validationDocuments", s.validation().size());
        j.put("testLetters", s.testLetters());
        j.put("testDocuments", s.test().size());
    }

    /** The texts of some books. */
    static List<String> texts(List<GreekCorpus.Book> books) {
        return books.stream().map(GreekCorpus.Book::letters).toList();
    }

    /**
     * The model in {@code file}, or, when it is null, a {@value #FALLBACK_ORDER}-gram model counted on the training
     * books of {@code corpus} (said on {@code err}).
     */
    static CharModel model(Path file, String corpus, PrintWriter err) {
        if (file != null) return PriorModels.load(file);
        err.printf("no --model: using a %d-gram model counted on the training part of %s%n", FALLBACK_ORDER, corpus);
        err.flush();
        return NgramModel.train(texts(GreekCorpus.open(corpus).split().train()), FALLBACK_ORDER);
    }
}
