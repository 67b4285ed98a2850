package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fetches the real SBLGNT (apt-get download bibledit-data; needs apt and network, CI runs as root). */
@Tag("slow")
class SblgntCorpusSlowTest {

    @Test
    void fetchesSplitsAndTheNgramScoresBelow2point8BitsOnTest() {
        GreekCorpusFetcher fetcher = GreekCorpusFetcher.withDefaultCache();
        java.nio.file.Path db = fetcher.sblgnt();
        assertEquals(db, fetcher.sblgnt(), "idempotent");
        GreekCorpus corpus = GreekCorpus.fromSqlite(db);
        assertEquals(27, corpus.books().size());
        assertTrue(corpus.books().get(0).letters().startsWith("ΒΙΒΛΟΣΓΕΝΕΣΕΩΣΙΗΣΟΥΧΡΙΣΤΟΥ"));
        GreekCorpus.Split split = corpus.split();
        assertEquals(20, split.train().size());
        assertEquals(2, split.validation().size());
        assertEquals(5, split.test().size());
        // counts measured on bibledit-data 5.0.994-3 (Debian); a few percent of slack for another package version
        assertEquals(603_623, split.trainLetters(), 20_000);
        assertEquals(15_114, split.validationLetters(), 1_000);
        assertEquals(60_219, split.testLetters(), 3_000);
        NgramModel m = NgramModel.train(split.train().stream().map(GreekCorpus.Book::letters).toList(), 6);
        double bits = m.bitsPerChar(split.test().stream().map(GreekCorpus.Book::letters).toList());
        assertTrue(bits < 2.8, "6-gram test bits/char " + bits);
        assertTrue(bits > 1.5, "implausibly low: " + bits);
    }

    @Test
    void textCorpusOfTheSameLettersGivesTheSameBook() throws Exception {
        GreekCorpus corpus = GreekCorpus.sblgnt();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sblgnt-txt");
        try {
            GreekCorpus.Book jude = corpus.books().stream().filter(b -> b.number() == 65).findFirst().orElseThrow();
            java.nio.file.Files.writeString(dir.resolve("jude.txt"), jude.letters());
            assertEquals(List.of(jude.letters()), GreekCorpus.fromText(dir).books().stream().map(GreekCorpus.Book::letters).toList());
        } finally {
            try (var s = java.nio.file.Files.list(dir)) { for (var p : s.toList()) java.nio.file.Files.delete(p); }
            java.nio.file.Files.delete(dir);
        }
    }
}
