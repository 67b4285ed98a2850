package org.scrollwork.prior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder of TEI XML files as Perseus ({@code canonical-greekLit}) and First1KGreek publish them, read as works
 * ({@link TeiReader}), split by work ({@link WorkSplit}) and with passages shared between works kept only once.
 *
 * <p>Files: every {@code .xml} file in the folder and below it, in path order, except those whose name marks another
 * language ({@code tlg0012.tlg001.perseus-eng2.xml}, not even parsed) and those without Greek body text (translations
 * without such a name, the {@code __cts__.xml} metadata). When a work has several Greek editions, the file whose name
 * sorts last is read ({@code perseus-grc2} over {@code perseus-grc1}) and the others are left out.
 *
 * <p>Deduplication: the works are taken train first, then validation, then test, each part in work-id order. A passage
 * of at least {@value #DEDUP_MIN_LETTERS} letters whose letters (the whole normalized passage, exactly) occur as a passage
 * of a work taken earlier is dropped. Repeats inside one work (refrains, formulaic verses) are kept; shorter passages are
 * always kept. So a quotation or a verse copied from a training work never reaches validation or test.
 */
public final class TeiCorpus {

    /** Passages shorter than this are never dropped as duplicates. */
    public static final int DEDUP_MIN_LETTERS = 20;

    /** One work: its id, its part of the split, the file read, and its letters once duplicates are dropped. */
    public record Work(String id, WorkSplit part, Path file, String letters) {}

    /**
     * A read corpus and what was left out.
     *
     * @param works            the works with letters, in work-id order
     * @param filesRead        TEI files parsed
     * @param filesLeftOut     files not read: other languages by name, no Greek text, or another edition of a work
     * @param droppedPassages  passages dropped as duplicates of an earlier work's
     * @param droppedLetters   their letters
     */
    public record Reading(List<Work> works, int filesRead, int filesLeftOut, int droppedPassages, long droppedLetters) {
        public Reading { works = List.copyOf(works); }
    }

    private TeiCorpus() {}

    /** Whether {@code path} is read as TEI: a {@code .xml} file, or a folder with {@code .xml} files below it and no {@code .txt} file in it. */
    public static boolean isTei(Path path) {
        if (Files.isRegularFile(path)) return path.getFileName().toString().endsWith(".xml");
        if (!Files.isDirectory(path)) return false;
        try (Stream<Path> top = Files.list(path); Stream<Path> all = Files.walk(path)) {
            if (top.anyMatch(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p))) return false;
            return all.anyMatch(TeiCorpus::isXml);
        } catch (IOException | UncheckedIOException e) {
            throw new CorpusException(path, "cannot list folder: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a TEI file or folder.
     *
     * @throws CorpusException naming the file that is malformed or hostile, or the folder if it holds no Greek TEI text
     */
    public static Reading read(Path path) {
        List<Path> files = files(path);
        Map<String, TeiEdition> editions = new TreeMap<>();
        int read = 0, leftOut = 0;
        for (Path f : files) {
            if (TeiReader.isTranslationByName(f)) {
                leftOut++;
                continue;
            }
            TeiEdition e = TeiReader.read(f);
            read++;
            if (e.passages().isEmpty()) {
                leftOut++;
                continue;
            }
            TeiEdition before = editions.get(e.workId());
            if (before != null) leftOut++; // another edition of the same work: the later file name wins
            if (before == null || before.file().getFileName().toString().compareTo(f.getFileName().toString()) < 0) editions.put(e.workId(), e);
        }
        if (editions.isEmpty()) throw new CorpusException(path, "no TEI file with Greek body text (xml:lang=\"grc\") in " + files.size() + " .xml file(s)");
        return deduplicate(editions, read, leftOut);
    }

    private static Reading deduplicate(Map<String, TeiEdition> editions, int read, int leftOut) {
        Set<Long> seen = new HashSet<>();
        Map<String, Work> works = new TreeMap<>();
        int dropped = 0;
        long droppedLetters = 0;
        for (WorkSplit part : WorkSplit.values()) {
            for (TeiEdition e : editions.values()) {
                if (WorkSplit.of(e.workId()) != part) continue;
                StringBuilder letters = new StringBuilder();
                Set<Long> own = new HashSet<>();
                for (String passage : e.passages()) {
                    if (passage.length() >= DEDUP_MIN_LETTERS) {
                        long h = hash(passage);
                        if (seen.contains(h)) {
                            dropped++;
                            droppedLetters += passage.length();
                            continue;
                        }
                        own.add(h);
                    }
                    letters.append(passage);
                }
                seen.addAll(own);
                if (letters.length() > 0) works.put(e.workId(), new Work(e.workId(), part, e.file(), letters.toString()));
            }
        }
        return new Reading(new ArrayList<>(works.values()), read, leftOut, dropped, droppedLetters);
    }

    /** A 64-bit FNV-1a hash of a passage's letters (a collision among millions of passages is about one in a million). */
    private static long hash(String letters) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            h = (h ^ (c & 0xff)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) return List.of(path);
        if (!Files.isDirectory(path)) throw new CorpusException(path, "no such file or folder");
        try (Stream<Path> s = Files.walk(path)) {
            List<Path> files = s.filter(TeiCorpus::isXml).sorted(Comparator.naturalOrder()).toList();
            if (files.isEmpty()) throw new CorpusException(path, "folder holds no .xml files");
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new CorpusException(path, "cannot list folder: " + e.getMessage(), e);
        }
    }

    private static boolean isXml(Path p) { return p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p); }
}
