package org.scrollwork.prior;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the Greek body text of a TEI XML file as Perseus ({@code canonical-greekLit}) and First1KGreek publish it,
 * with the JDK's StAX parser and no DTD processing: a document type declaration is not read, external entities are
 * never fetched and no entity is declared, so an XXE or "billion laughs" file is refused as any malformed file is,
 * with a {@link CorpusException} naming it.
 *
 * <p>What is read: the character data inside {@code <text>} (never the {@code <teiHeader>}) whose language in effect
 * ({@code xml:lang}, inherited from the enclosing elements; TEI P4's {@code lang} too) is {@code grc}. A file that
 * declares no language anywhere counts as Greek when its name says {@code grc}. The first language declared on
 * {@code <text>}, {@code <body>}, {@code <group>} or an edition or translation {@code <div>} is the edition's: when it is not Greek, or that element is a {@code type="translation"}
 * division, the file is a translation and gives no text, not even the Greek words quoted in it. Left out with all they contain:
 * notes, apparatus readings ({@code <rdg>}, {@code <rdgGrp>}, {@code <witDetail>}; the lemma {@code <lem>} is kept),
 * bibliographic references, headings, speaker names, running heads ({@code <fw>}), figure descriptions, labels, and of
 * an editor's alternatives the deleted, erroneous, unregularized and abbreviated forms ({@code <del>}, {@code <sic>},
 * {@code <orig>}, {@code <abbr>}). Passages end at the start and end of every block: a paragraph, verse line, line
 * group, anonymous block, division, speech, quotation, list item or table cell.
 */
public final class TeiReader {

    private static final String TEXT = "text";
    private static final Set<String> SKIPPED = Set.of("teiHeader", "note", "rdg", "rdgGrp", "witDetail", "bibl", "listBibl", "head",
            "speaker", "fw", "figDesc", "label", "del", "sic", "orig", "abbr");
    private static final Set<String> BLOCKS = Set.of(TEXT, "body", "front", "back", "div", "div1", "div2", "div3", "div4", "div5",
            "p", "l", "lg", "ab", "sp", "quote", "cit", "q", "item", "list", "cell", "row", "table");
    private static final String GREEK = "grc";
    /** {@code tlg0012.tlg001.perseus-grc2.xml}: text group, work, edition. */
    private static final Pattern FILE_NAME = Pattern.compile("^([A-Za-z]+\\d+[a-z]?\\.[A-Za-z]+\\d+[a-z]?)\\.([^.]+)\\.xml$");
    /** {@code urn:cts:greekLit:tlg0012.tlg001.perseus-grc2}. */
    private static final Pattern CTS_URN = Pattern.compile("^urn:cts:[A-Za-z]+:([A-Za-z]+\\d+[a-z]?\\.[A-Za-z]+\\d+[a-z]?)(\\..*)?$");
    /** An edition label naming a language other than Greek ({@code perseus-eng2}, {@code 1st1K-lat1}). */
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("(?:^|-)(?!grc)[a-z]{3}\\d*$");

    private TeiReader() {}

    /** The work id in a file name like {@code tlg0012.tlg001.perseus-grc2.xml}, or null. */
    static String workFromFileName(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Whether the file name marks a translation or another non-Greek edition ({@code tlg0012.tlg001.perseus-eng2.xml}),
     * which is not read.
     */
    public static boolean isTranslationByName(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        return m.matches() && OTHER_LANGUAGE.matcher(m.group(2)).find();
    }

    /**
     * Reads one TEI file.
     *
     * @throws CorpusException naming the file if it cannot be read, is not well-formed XML, or has a document type
     *                         declaration with entities or references an undeclared entity
     */
    public static TeiEdition read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            try {
                return read(file, r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String where = at == null || at.getLineNumber() < 0 ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            String m = message(e);
            String why = m.contains("entity") ? " (document type declarations are not read, so no entity but XML's own five is defined)" : "";
            throw new CorpusException(file, "not well-formed TEI XML" + where + ": " + m + why, e);
        } catch (IOException e) {
            throw new CorpusException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static TeiEdition read(Path file, XMLStreamReader r) throws XMLStreamException {
        String defaultLanguage = file.getFileName().toString().contains(GREEK) ? GREEK : null;
        Deque<String> language = new ArrayDeque<>();
        List<String> passages = new ArrayList<>();
        StringBuilder passage = new StringBuilder();
        String urnWork = null, editionLanguage = null;
        int inText = 0, skipped = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    String lang = language(r);
                    language.push(lang != null ? lang : language.isEmpty() ? "" : language.peek());
                    if (urnWork == null) urnWork = urnWork(r);
                    if (name.equals(TEXT)) inText++;
                    if (editionLanguage == null && inText > 0 && isEditionLevel(name, r) && (lang != null || isTranslation(r))) {
                        editionLanguage = isTranslation(r) ? "translation" : lang;
                    }
                    if (skipped > 0 || SKIPPED.contains(name)) skipped++;
                    else if (BLOCKS.contains(name)) flush(passage, passages);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = r.getLocalName();
                    language.pop();
                    if (skipped > 0) skipped--;
                    else if (BLOCKS.contains(name)) flush(passage, passages);
                    if (name.equals(TEXT)) inText--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String lang = language.isEmpty() || language.peek().isEmpty() ? defaultLanguage : language.peek();
                    if (inText > 0 && skipped == 0 && GREEK.equals(lang)) passage.append(r.getText());
                }
                default -> { } // comments, processing instructions, the document type declaration: not text
            }
        }
        flush(passage, passages);
        if (editionLanguage != null && !editionLanguage.equals(GREEK)) passages.clear(); // a translation, with Greek words quoted in it
        String work = workFromFileName(file);
        if (work == null) work = urnWork;
        if (work == null) work = file.getFileName().toString().replaceFirst("\\.xml$", "");
        return new TeiEdition(file, work, passages);
    }

    private static void flush(StringBuilder passage, List<String> into) {
        if (passage.length() == 0) return;
        String letters = PapyrusText.normalize(passage.toString()).letters();
        if (!letters.isEmpty()) into.add(letters);
        passage.setLength(0);
    }

    /** The element's own language, {@code xml:lang} or TEI P4's {@code lang} (Greek spelt {@code greek} there too), or null. */
    private static String language(XMLStreamReader r) {
        String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
        if (lang == null) lang = r.getAttributeValue(null, "lang");
        if (lang == null) return null;
        lang = lang.strip().toLowerCase(java.util.Locale.ROOT);
        return lang.equals("greek") || lang.startsWith("grc-") ? GREEK : lang;
    }

    /** {@code <text>}, {@code <body>}, {@code <group>} or an edition or translation division: where an edition says its language. */
    private static boolean isEditionLevel(String name, XMLStreamReader r) {
        if (name.equals(TEXT) || name.equals("body") || name.equals("group")) return true;
        String type = r.getAttributeValue(null, "type");
        return name.equals("div") && ("edition".equals(type) || "translation".equals(type));
    }

    private static boolean isTranslation(XMLStreamReader r) { return "translation".equals(r.getAttributeValue(null, "type")); }

    private static String urnWork(XMLStreamReader r) {
        String n = r.getAttributeValue(null, "n");
        if (n == null) return null;
        Matcher m = CTS_URN.matcher(n.strip());
        return m.matches() ? m.group(1) : null;
    }

    /** The JDK's own StAX parser, hardened: no DTD, no external entities, no access to external DTDs or schemas. */
    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("Message: "); // the JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).strip();
    }
}
