package org.scrollwork.experiments.prior;

import java.util.List;
import java.util.Locale;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.GreekCorpus;

/**
 * The SBLGNT split every prior experiment trains and scores on: train = books 40–59, validation = 60–61, test = 62–66,
 * each book's letters. Fetches the corpus on first use (apt-get download bibledit-data).
 */
record PriorTexts(List<String> train, List<String> validation, List<String> test, String description) {

    PriorTexts {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** The split, with a line on its sizes logged to {@code progress}. */
    static PriorTexts load(Progress progress) {
        GreekCorpus corpus = GreekCorpus.sblgnt();
        GreekCorpus.Split s = corpus.split();
        String description = String.format(Locale.ROOT, "Corpus: %d letters; train %d (books 40-59), validation %d (60-61), test %d (62-66)",
                corpus.letters(), s.trainLetters(), s.validationLetters(), s.testLetters());
        progress.log(description);
        return new PriorTexts(letters(s.train()), letters(s.validation()), letters(s.test()), description);
    }

    /** These texts with {@code heldOut} scored as the test instead of the test books. */
    PriorTexts scoring(HeldOutTexts heldOut, Progress progress) {
        if (!(heldOut instanceof HeldOutTexts.Documents d)) return this;
        progress.log("Test: " + d.description());
        return new PriorTexts(train, validation, d.letters(), description + "; test replaced by " + d.description());
    }

    private static List<String> letters(List<GreekCorpus.Book> books) {
        return books.stream().map(GreekCorpus.Book::letters).toList();
    }
}
