package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreekCorpusTest {

    @TempDir Path dir;

    /** A tiny database with the SBLGNT schema: one short "verse" per book 40..66, words in row order. */
    private Path tinySblgnt() throws Exception {
        Path db = dir.resolve("tiny.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sblgnt (book integer, chapter integer, verse integer, greek text)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO sblgnt VALUES (?, 1, 1, ?)")) {
                for (int book = 40; book <= 66; book++) {
                    // book b gets (b - 39) copies of "λόγος" (5 letters each) followed by "ἦν."
                    for (int i = 0; i < book - 39; i++) { ins.setInt(1, book); ins.setString(2, "λόγος"); ins.executeUpdate(); }
                    ins.setInt(1, book); ins.setString(2, "ἦν."); ins.executeUpdate();
                }
            }
        }
        return db;
    }

    @Test
    void readsBooksInRowOrderAndNormalizes() throws Exception {
        GreekCorpus corpus = GreekCorpus.fromSqlite(tinySblgnt());
        assertEquals(27, corpus.books().size());
        GreekCorpus.Book matthew = corpus.books().get(0);
        assertEquals(40, matthew.number());
        assertEquals("Matthew", matthew.name());
        assertEquals("ΛΟΓΟΣΗΝ", matthew.letters());
        assertEquals("ΛΟΓΟΣΛΟΓΟΣΗΝ", corpus.books().get(1).letters());
    }

    @Test
    void splitsByBookNumber() throws Exception {
        GreekCorpus.Split split = GreekCorpus.fromSqlite(tinySblgnt()).split();
        assertEquals(List.of(40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59),
                split.train().stream().map(GreekCorpus.Book::number).toList());
        assertEquals(List.of(60, 61), split.validation().stream().map(GreekCorpus.Book::number).toList());
        assertEquals(List.of(62, 63, 64, 65, 66), split.test().stream().map(GreekCorpus.Book::number).toList());
        // book b has 5 (b - 39) + 2 letters
        assertEquals(sumLetters(40, 59), split.trainLetters());
        assertEquals(sumLetters(60, 61), split.validationLetters());
        assertEquals(sumLetters(62, 66), split.testLetters());
    }

    private static long sumLetters(int from, int to) {
        long s = 0;
        for (int b = from; b <= to; b++) s += 5L * (b - 39) + 2;
        return s;
    }

    @Test
    void textFolderGivesOneBookPerFileInNameOrderAndFractionSplit() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "ΒΒΒΒΒ ββββ\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a.txt"), "ἀ ἀ ἀ ἀ ἀ ἀ", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ignored.md"), "ΓΓΓ", StandardCharsets.UTF_8);
        GreekCorpus corpus = GreekCorpus.fromText(dir);
        assertEquals(List.of("ΑΑΑΑΑΑ", "ΒΒΒΒΒΒΒΒΒ"), corpus.books().stream().map(GreekCorpus.Book::letters).toList());
        GreekCorpus.Split split = corpus.fractionSplit(0.2, 0.2);   // 15 letters: 9 / 3 / 3
        assertEquals(9, split.trainLetters());
        assertEquals(3, split.validationLetters());
        assertEquals(3, split.testLetters());
        assertEquals("ΒΒΒ", split.test().get(0).letters());
        assertEquals(2, split.train().size(), "the book crossing the cut is split");
    }

    @Test
    void lineDocumentsGiveOneBookPerLineWithLettersInReadingOrder() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "ΒΒ\r\nβ β β\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("a.txt"), "ἀ\n\n· 12 —\nΓΓΓ", StandardCharsets.UTF_8);
        GreekCorpus corpus = GreekCorpus.open(dir.toString(), true);
        assertEquals(List.of("a:1", "a:4", "b:1", "b:2"), corpus.books().stream().map(GreekCorpus.Book::name).toList());
        assertEquals(List.of("Α", "ΓΓΓ", "ΒΒ", "ΒΒΒ"), corpus.books().stream().map(GreekCorpus.Book::letters).toList());
        assertEquals(List.of(1, 2, 3, 4), corpus.books().stream().map(GreekCorpus.Book::number).toList());
        assertEquals(GreekCorpus.fromText(dir).letters(), corpus.letters(), "the same letters, cut at lines");
        Path db = tinySblgnt();
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.open(db.toString(), true));
        assertTrue(e.getMessage().contains("tiny.sqlite") && e.getMessage().contains("not by line"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GreekCorpus.open("sblgnt", true));
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path notDb = dir.resolve("not.sqlite");
        Files.writeString(notDb, "hello");
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.fromSqlite(notDb));
        assertTrue(e.getMessage().contains("not.sqlite"), e.getMessage());
        Path noTable = dir.resolve("empty.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + noTable); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE other (x integer)");
        }
        e = assertThrows(CorpusException.class, () -> GreekCorpus.fromSqlite(noTable));
        assertTrue(e.getMessage().contains("empty.sqlite") && e.getMessage().contains("sblgnt"), e.getMessage());
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, new byte[] {(byte) 0xe1, 'x', 'y'});
        e = assertThrows(CorpusException.class, () -> GreekCorpus.fromText(bad));
        assertTrue(e.getMessage().contains("latin1.txt") && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
