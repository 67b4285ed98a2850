package org.scrollwork.prior;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Greek corpus as normalized papyrus letters ({@link PapyrusText}), one entry per book, with a fixed
 * train / validation / test split by book.
 *
 * <p>Sources: the SBLGNT SQLite database ({@link #fromSqlite}, table {@code sblgnt(book, chapter, verse, greek)}, one
 * word per row, read in row order; books 40 Matthew … 66 Revelation), any UTF-8 text ({@link #fromText}: one file is
 * one book; a folder contributes each {@code .txt} file in name order as a book numbered 1, 2, …), or TEI XML as Perseus
 * and First1KGreek publish it ({@link #fromTei}: one book per work, split by work).
 */
public final class GreekCorpus {

    /** One book of normalized letters (only the 24 capitals). */
    public record Book(int number, String name, String letters) {
        public Book {
            if (name == null || letters == null) throw new IllegalArgumentException("name and letters are required");
        }
    }

    /** Books for training, validation and testing; disjoint. */
    public record Split(List<Book> train, List<Book> validation, List<Book> test) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }

        public long trainLetters() { return letters(train); }
        public long validationLetters() { return letters(validation); }
        public long testLetters() { return letters(test); }

        /** Total letters of some books. */
        public static long letters(List<Book> books) {
            return books.stream().mapToLong(b -> b.letters().length()).sum();
        }
    }

    /** SBLGNT book numbers of the test books (1 John … Revelation), validation (1–2 Peter) and train (Matthew … James). */
    public static final int TEST_FIRST = 62, VALIDATION_FIRST = 60, TRAIN_FIRST = 40;
    private static final String[] NT_NAMES = {"Matthew", "Mark", "Luke", "John", "Acts", "Romans", "1 Corinthians",
        "2 Corinthians", "Galatians", "Ephesians", "Philippians", "Colossians", "1 Thessalonians", "2 Thessalonians",
        "1 Timothy", "2 Timothy", "Titus", "Philemon", "Hebrews", "James", "1 Peter", "2 Peter", "1 John", "2 John",
        "3 John", "Jude", "Revelation"};

    /** How a corpus is split: SBLGNT book ranges, letter fractions of a text, or works by the hash of their id. */
    private enum Layout { SBLGNT_BOOKS, LETTER_FRACTIONS, WORKS }

    private final List<Book> books;
    private final Layout layout;
    private final String description;

    private GreekCorpus(List<Book> books, Layout layout, String description) {
        this.books = List.copyOf(books);
        this.layout = layout;
        this.description = description;
    }

    /** The SBLGNT, fetched into the default cache first if needed ({@link GreekCorpusFetcher}). */
    public static GreekCorpus sblgnt() { return fromSqlite(GreekCorpusFetcher.withDefaultCache().sblgnt()); }

    /**
     * Reads an SBLGNT-schema SQLite database: words in row order, grouped by book, each book normalized.
     *
     * @throws CorpusException naming the file if it is missing, not SQLite, or lacks the table
     */
    public static GreekCorpus fromSqlite(Path db) {
        if (!Files.isRegularFile(db)) throw new CorpusException(db, "no such file");
        if (!GreekCorpusFetcher.hasSqliteMagic(db)) throw new CorpusException(db, "not an SQLite database");
        Map<Integer, StringBuilder> text = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT book, greek FROM sblgnt ORDER BY rowid")) {
            while (rs.next()) {
                String word = rs.getString(2);
                if (word != null) text.computeIfAbsent(rs.getInt(1), k -> new StringBuilder()).append(word).append(' ');
            }
        } catch (SQLException e) {
            throw new CorpusException(db, "cannot read table sblgnt(book, chapter, verse, greek): " + e.getMessage(), e);
        }
        List<Book> books = new ArrayList<>();
        text.forEach((n, sb) -> books.add(new Book(n, ntName(n), PapyrusText.normalize(sb.toString()).letters())));
        return new GreekCorpus(books, Layout.SBLGNT_BOOKS, "SBLGNT " + db + ", " + books.size() + " books, split by book");
    }

    /**
     * Reads UTF-8 text: a file is one book (number 1); a folder gives one book per {@code .txt} file, in file-name
     * order, numbered from 1. Non-letters are dropped by normalization.
     *
     * @throws CorpusException naming the path if it is missing, not UTF-8, or a folder without .txt files
     */
    public static GreekCorpus fromText(Path path) { return fromText(path, false); }

    /**
     * As {@link #fromText(Path)}, or, with {@code lineDocuments}, every line of every file as a book of its own (named
     * {@code file:line}, numbered from 1 in reading order; lines without a letter are left out), for files that hold
     * one short text per line (fragments, inscriptions, verses).
     *
     * @throws CorpusException naming the path if it is missing, not UTF-8, or a folder without .txt files
     */
    public static GreekCorpus fromText(Path path, boolean lineDocuments) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")).sorted().toList();
            } catch (IOException e) {
                throw new CorpusException(path, "cannot list folder: " + e.getMessage(), e);
            }
            if (files.isEmpty()) throw new CorpusException(path, "folder holds no .txt files");
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new CorpusException(path, "no such file or folder");
        }
        List<Book> books = new ArrayList<>();
        for (Path f : files) {
            String s;
            try {
                s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString();
            } catch (CharacterCodingException e) {
                throw new CorpusException(f, "not valid UTF-8", e);
            } catch (IOException e) {
                throw new CorpusException(f, "cannot read: " + e.getMessage(), e);
            }
            String name = f.getFileName().toString().replaceFirst("\\.txt$", "");
            if (!lineDocuments) {
                books.add(new Book(books.size() + 1, name, PapyrusText.normalize(s).letters()));
                continue;
            }
            String[] lines = s.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String letters = PapyrusText.normalize(lines[i]).letters();
                if (!letters.isEmpty()) books.add(new Book(books.size() + 1, name + ":" + (i + 1), letters));
            }
        }
        return new GreekCorpus(books, Layout.LETTER_FRACTIONS, "text " + path + ", " + books.size() + (lineDocuments ? " lines" : " files")
                + ", split 90/5/5 % in letter order");
    }

    /**
     * Reads TEI XML ({@link TeiCorpus}): a file, or every {@code .xml} file in a folder and below it; one book per work
     * (named by the work id, numbered from 1 in work-id order), split by work ({@link WorkSplit}), passages shared
     * between works kept once.
     *
     * @throws CorpusException naming the file that is malformed or hostile, or the folder if it holds no Greek TEI text
     */
    public static GreekCorpus fromTei(Path path) {
        TeiCorpus.Reading r = TeiCorpus.read(path);
        List<Book> books = new ArrayList<>();
        for (TeiCorpus.Work w : r.works()) books.add(new Book(books.size() + 1, w.id(), w.letters()));
        return new GreekCorpus(books, Layout.WORKS, String.format(java.util.Locale.ROOT,
                "TEI %s: %d works from %d files read, %d files left out (other languages, no Greek text, other editions), "
                        + "%d passages (%d letters) dropped as duplicates of an earlier work's, split by work", path, books.size(), r.filesRead(), r.filesLeftOut(),
                r.droppedPassages(), r.droppedLetters()));
    }

    /**
     * Opens a corpus given on a command line: {@code sblgnt} (the default corpus, fetched if needed), an SQLite file
     * with the SBLGNT schema, TEI XML ({@link #fromTei}: a {@code .xml} file, or a folder with {@code .xml} files below
     * it and no {@code .txt} file in it), or a UTF-8 text file or folder ({@link #fromText}).
     *
     * @throws CorpusException naming the path if it cannot be read
     */
    public static GreekCorpus open(String spec) { return open(spec, false); }

    /**
     * As {@link #open(String)}; with {@code lineDocuments} a text file or folder gives one book per line
     * ({@link #fromText(Path, boolean)}).
     *
     * @throws IllegalArgumentException if {@code lineDocuments} is asked of the SBLGNT
     * @throws CorpusException naming the path if it cannot be read, or if {@code lineDocuments} is asked of an SQLite file
     */
    public static GreekCorpus open(String spec, boolean lineDocuments) {
        if (spec.equals("sblgnt")) {
            if (lineDocuments) throw new IllegalArgumentException("the SBLGNT is read by book, not by line");
            return sblgnt();
        }
        Path p = Path.of(spec);
        if (Files.isRegularFile(p) && GreekCorpusFetcher.hasSqliteMagic(p)) {
            if (lineDocuments) throw new CorpusException(p, "an SQLite database is read by book, not by line: give a text file or folder");
            return fromSqlite(p);
        }
        if (TeiCorpus.isTei(p)) {
            if (lineDocuments) throw new CorpusException(p, "a TEI corpus is read by work, not by line: give a text file or folder");
            return fromTei(p);
        }
        return fromText(p, lineDocuments);
    }

    /** The books in order. */
    public List<Book> books() { return books; }

    /** Letters in all books. */
    public long letters() { return Split.letters(books); }

    /** What was read and how it is split, in one line (for TEI: works, files read and left out, duplicates dropped). */
    public String describe() { return description; }

    /**
     * The fixed split. For the SBLGNT: test = books 62–66, validation = 60–61, train = 40–59 (books outside these
     * ranges are left out). For text corpora: {@link #fractionSplit(double, double)} with 5 % validation and 5 % test.
     * For TEI: by work, {@link WorkSplit#of} its id (a small corpus may leave validation or test empty).
     */
    public Split split() {
        if (layout == Layout.LETTER_FRACTIONS) return fractionSplit(0.05, 0.05);
        if (layout == Layout.WORKS) return workSplit();
        List<Book> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (Book b : books) {
            if (b.number() >= TEST_FIRST && b.number() <= 66) test.add(b);
            else if (b.number() >= VALIDATION_FIRST && b.number() < TEST_FIRST) val.add(b);
            else if (b.number() >= TRAIN_FIRST && b.number() < VALIDATION_FIRST) train.add(b);
        }
        return new Split(train, val, test);
    }

    /**
     * Cuts the letters of all books, in order, so that the last {@code testFraction} of the letters is the test
     * part and the {@code validationFraction} before it the validation part. A book crossing a cut is split into two
     * books with the same number.
     */
    public Split fractionSplit(double validationFraction, double testFraction) {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
            throw new IllegalArgumentException("fractions must be >= 0 and sum to < 1");
        long total = letters();
        long valStart = Math.round(total * (1 - validationFraction - testFraction));
        long testStart = Math.round(total * (1 - testFraction));
        List<Book> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        long pos = 0;
        for (Book b : books) {
            String s = b.letters();
            cut(b, s, pos, Long.MIN_VALUE, valStart, train);
            cut(b, s, pos, valStart, testStart, val);
            cut(b, s, pos, testStart, Long.MAX_VALUE, test);
            pos += s.length();
        }
        return new Split(train, val, test);
    }

    private Split workSplit() {
        List<Book> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (Book b : books) {
            switch (WorkSplit.of(b.name())) {
                case TRAIN -> train.add(b);
                case VALIDATION -> val.add(b);
                case TEST -> test.add(b);
            }
        }
        return new Split(train, val, test);
    }

    private static void cut(Book b, String s, long pos, long from, long to, List<Book> into) {
        long a = Math.max(from, pos) - pos, z = Math.min(to, pos + s.length()) - pos;
        if (z > a) into.add(new Book(b.number(), b.name(), s.substring((int) a, (int) z)));
    }

    private static String ntName(int n) {
        return n >= 40 && n <= 66 ? NT_NAMES[n - 40] : "book " + n;
    }
}
