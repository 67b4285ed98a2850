package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TEI corpora as Perseus and First1KGreek publish them. The folder {@code tei/} of the test resources holds a shortened
 * Odyssey (tlg0012.tlg002, a training work), Iliad (tlg0012.tlg001, a test work) and its English translation, and
 * Plato's Euthyphro (tlg0059.tlg001, a validation work) quoting the Odyssey's first line; the expected letters below are
 * the Greek of those files written out by hand in papyrus form.
 */
class TeiCorpusTest {

    @TempDir Path dir;

    private static final String ODYSSEY = "ΑΝΔΡΑΜΟΙΕΝΝΕΠΕΜΟΥΣΑΠΟΛΥΤΡΟΠΟΝΟΣΜΑΛΑΠΟΛΛΑ" + "ΠΛΑΓΧΘΗΕΠΕΙΤΡΟΙΗΣΙΕΡΟΝΠΤΟΛΙΕΘΡΟΝΕΠΕΡΣΕ"
            + "ΤΟΝΔΑΠΑΜΕΙΒΟΜΕΝΟΣΠΡΟΣΕΦΗΠΟΛΥΜΗΤΙΣΟΔΥΣΣΕΥΣ" + "ΩΣΕΦΑΤ";
    /** The Iliad without its second line, which the Odyssey (a training work, taken first) already has. */
    private static final String ILIAD = "ΜΗΝΙΝΑΕΙΔΕΘΕΑΠΗΛΗΙΑΔΕΩΑΧΙΛΗΟΣ" + "ΩΣΕΦΑΤ" + "ΗΡΩΩΝΑΥΤΟΥΣΔΕΕΛΩΡΙΑΤΕΥΧΕΚΥΝΕΣΣΙΝ";
    /** The Euthyphro without the speaker's name, the note and the quoted Odyssey line. */
    private static final String EUTHYPHRO = "ΤΙΝΕΩΤΕΡΟΝΩΣΩΚΡΑΤΕΣΓΕΓΟΝΕΝ" + "ΟΤΙΣΥΤΑΣΕΝΛΥΚΕΙΩΚΑΤΑΛΙΠΩΝΔΙΑΤΡΙΒΑΣ";
    private static final String DUPLICATED_LINE = "ΤΟΝΔΑΠΑΜΕΙΒΟΜΕΝΟΣΠΡΟΣΕΦΗΠΟΛΥΜΗΤΙΣΟΔΥΣΣΕΥΣ";
    private static final String QUOTED_LINE = "ΑΝΔΡΑΜΟΙΕΝΝΕΠΕΜΟΥΣΑΠΟΛΥΤΡΟΠΟΝΟΣΜΑΛΑΠΟΛΛΑ";

    private static Path example() {
        try {
            return Path.of(TeiCorpusTest.class.getResource("/tei").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copyOfExample() throws IOException {
        Path to = dir.resolve("corpus");
        try (Stream<Path> s = Files.walk(example())) {
            for (Path p : s.toList()) {
                Path q = to.resolve(example().relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
        return to;
    }

    @Test
    void readsTheGreekBodyTextOfEveryWorkSplitByWork() {
        GreekCorpus c = GreekCorpus.open(example().toString());
        assertEquals(List.of("tlg0012.tlg001", "tlg0012.tlg002", "tlg0059.tlg001"), c.books().stream().map(GreekCorpus.Book::name).toList());
        GreekCorpus.Split s = c.split();
        // parts by SHA-256 of the work id, modulo 100 (buckets 88, 6 and 4, computed with Python's hashlib)
        assertEquals(List.of(ODYSSEY), s.train().stream().map(GreekCorpus.Book::letters).toList());
        assertEquals(List.of(EUTHYPHRO), s.validation().stream().map(GreekCorpus.Book::letters).toList());
        assertEquals(List.of(ILIAD), s.test().stream().map(GreekCorpus.Book::letters).toList());
        assertEquals(ODYSSEY.length(), s.trainLetters());
        assertEquals(EUTHYPHRO.length(), s.validationLetters());
        assertEquals(ILIAD.length(), s.testLetters());
    }

    @Test
    void leavesOutHeaderNotesApparatusHeadingsSpeakersAndTheTranslation() {
        String all = String.join("|", GreekCorpus.fromTei(example()).books().stream().map(GreekCorpus.Book::letters).toList());
        for (String absent : List.of("ΟΔΥΣΣΕΙΑ", "ΙΛΙΑΣ", "ΣΧΟΛΙΟΝ", "ΓΡΑΜΜΑΤΙΚΟΥ", "ΕΠΡΑΘΕ", "ΡΑΨΩΔΙΑ", "ΕΥΘΥΦΡΩΝ", "ΜΗΝΙΣ")) {
            assertFalse(all.contains(absent), absent + " is not body text: " + all);
        }
        TeiCorpus.Reading r = TeiCorpus.read(example());
        assertEquals(4, r.filesRead(), "three Greek editions and __cts__.xml; the -eng2 translation is not parsed");
        assertEquals(2, r.filesLeftOut(), "the translation and __cts__.xml");
    }

    @Test
    void dropsAPassageAlreadySeenInAnEarlierWorkButKeepsShortOnes() {
        TeiCorpus.Reading r = TeiCorpus.read(example());
        assertEquals(2, r.droppedPassages(), "the Iliad's formulaic line and the Euthyphro's quotation, both in the Odyssey");
        assertEquals(DUPLICATED_LINE.length() + QUOTED_LINE.length(), r.droppedLetters());
        TeiCorpus.Work odyssey = r.works().stream().filter(w -> w.id().equals("tlg0012.tlg002")).findFirst().orElseThrow();
        assertTrue(odyssey.letters().contains(DUPLICATED_LINE) && odyssey.letters().contains(QUOTED_LINE), "the training work keeps them");
        TeiCorpus.Work iliad = r.works().stream().filter(w -> w.id().equals("tlg0012.tlg001")).findFirst().orElseThrow();
        assertTrue(iliad.letters().contains("ΩΣΕΦΑΤ"), "6 letters, under the threshold of " + TeiCorpus.DEDUP_MIN_LETTERS);
    }

    @Test
    void repeatsInsideOneWorkAreKept() throws IOException {
        Path f = dir.resolve("tlg0012.tlg002.perseus-grc2.xml");
        Files.writeString(f, tei("grc", "<l>" + "τὸν δ᾽ ἀπαμειβόμενος προσέφη πολύμητις Ὀδυσσεύς" + "</l><l>μῆνιν ἄειδε</l><l>"
                + "τὸν δ᾽ ἀπαμειβόμενος προσέφη πολύμητις Ὀδυσσεύς" + "</l>"));
        assertEquals(DUPLICATED_LINE + "ΜΗΝΙΝΑΕΙΔΕ" + DUPLICATED_LINE, GreekCorpus.fromTei(f).books().get(0).letters());
    }

    @Test
    void readsTheLastGreekEditionOfAWorkOnly() throws IOException {
        Path c = copyOfExample();
        Files.writeString(c.resolve("tlg0012.tlg002.perseus-grc1.xml"), tei("grc", "<l>ἄλλη ἔκδοσις</l>"));
        TeiCorpus.Reading r = TeiCorpus.read(c);
        assertEquals(3, r.filesLeftOut(), "the older edition too");
        assertEquals(ODYSSEY, r.works().stream().filter(w -> w.id().equals("tlg0012.tlg002")).findFirst().orElseThrow().letters());
    }

    @Test
    void takesTheWorkFromTheCtsUrnWhenTheFileNameDoesNotSayIt() throws IOException {
        Path f = dir.resolve("odyssey.xml");
        Files.writeString(f, """
                <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
                <div type="edition" n="urn:cts:greekLit:tlg0012.tlg002.1st1K-grc1" xml:lang="grc"><p>ἄνδρα μοι</p></div>
                </body></text></TEI>""");
        GreekCorpus.Book b = GreekCorpus.fromTei(f).books().get(0);
        assertEquals("tlg0012.tlg002", b.name());
        assertEquals("ΑΝΔΡΑΜΟΙ", b.letters());
    }

    @Test
    void knowsTranslationsByTheirFileName() {
        assertTrue(TeiReader.isTranslationByName(Path.of("tlg0012.tlg001.perseus-eng2.xml")));
        assertTrue(TeiReader.isTranslationByName(Path.of("tlg0001.tlg001.1st1K-lat1.xml")));
        assertFalse(TeiReader.isTranslationByName(Path.of("tlg0012.tlg001.perseus-grc2.xml")));
        assertFalse(TeiReader.isTranslationByName(Path.of("tlg0001.tlg001.1st1K-grc1.xml")));
        assertFalse(TeiReader.isTranslationByName(Path.of("__cts__.xml")));
    }

    @Test
    void aMalformedFileIsRefusedWithItsName() throws IOException {
        Path c = copyOfExample();
        Path bad = c.resolve("tlg0099.tlg001.perseus-grc1.xml");
        Files.writeString(bad, "<TEI><text xml:lang=\"grc\"><body><l>ἄνδρα</body></text></TEI>");
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.open(c.toString()));
        assertEquals(bad, e.path());
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "μυστήριον");
        Path xxe = dir.resolve("tlg0099.tlg001.perseus-grc1.xml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<TEI><text xml:lang=\"grc\"><body><p>ἀρχή &xxe; τέλος</p></body></text></TEI>");
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.fromTei(xxe));
        assertEquals(xxe, e.path());
        assertTrue(e.getMessage().contains("xxe"), "names the entity: " + e.getMessage());
    }

    @Test
    void billionLaughsIsRefusedAtOnce() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE TEI [<!ENTITY lol0 \"λολ\">");
        for (int i = 1; i <= 9; i++) dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        dtd.append("]>");
        Path f = dir.resolve("tlg0099.tlg002.perseus-grc1.xml");
        Files.writeString(f, dtd + "<TEI><text xml:lang=\"grc\"><body><p>&lol9;</p></body></text></TEI>");
        long t0 = System.nanoTime();
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.fromTei(f));
        assertEquals(f, e.path());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused without expanding 10^9 entities");
    }

    @Test
    void aFolderWithoutGreekIsRefusedWithItsName() throws IOException {
        Path c = dir.resolve("english");
        Files.createDirectories(c);
        Files.writeString(c.resolve("tlg0012.tlg001.perseus-eng2.xml"), tei("eng", "<p>Sing, goddess</p>"));
        Files.writeString(c.resolve("notes.xml"), tei("eng", "<p>the wrath, <foreign xml:lang=\"grc\">μῆνις</foreign></p>"));
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.open(c.toString()));
        assertEquals(c, e.path());
    }

    @Test
    void aFolderOfTextFilesIsStillReadAsText() throws IOException {
        Path c = dir.resolve("mixed");
        Files.createDirectories(c);
        Files.writeString(c.resolve("a.txt"), "λόγος");
        Files.writeString(c.resolve("tlg0012.tlg001.perseus-grc2.xml"), tei("grc", "<l>μῆνιν</l>"));
        assertFalse(TeiCorpus.isTei(c));
        assertEquals(List.of("ΛΟΓΟΣ"), GreekCorpus.open(c.toString()).books().stream().map(GreekCorpus.Book::letters).toList());
    }

    @Test
    void linesAreRefusedForTei() {
        CorpusException e = assertThrows(CorpusException.class, () -> GreekCorpus.open(example().toString(), true));
        assertTrue(e.getMessage().contains("by work"), e.getMessage());
    }

    @Test
    void theSplitOfAWorkDependsOnItsIdAlone() {
        // buckets from Python: int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], 'big') % 100
        assertEquals(4, WorkSplit.bucket("tlg0012.tlg001"));
        assertEquals(88, WorkSplit.bucket("tlg0012.tlg002"));
        assertEquals(6, WorkSplit.bucket("tlg0059.tlg001"));
        assertEquals(WorkSplit.TEST, WorkSplit.of("tlg0006.tlg001")); // bucket 2
        assertEquals(WorkSplit.TRAIN, WorkSplit.of("tlg0059.tlg002")); // bucket 31
        int[] parts = new int[3];
        for (int i = 0; i < 2000; i++) parts[WorkSplit.of("tlg" + i + ".tlg001").ordinal()]++;
        assertEquals(1800, parts[0], 60);
        assertEquals(100, parts[1], 30);
        assertEquals(100, parts[2], 30);
    }

    private static String tei(String lang, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/><text xml:lang=\"" + lang
                + "\"><body><div type=\"edition\">" + body + "</div></body></text></TEI>\n";
    }
}
