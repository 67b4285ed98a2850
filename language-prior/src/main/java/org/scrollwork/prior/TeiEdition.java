package org.scrollwork.prior;

import java.nio.file.Path;
import java.util.List;

/**
 * The Greek body text of one TEI file ({@link TeiReader}): its passages in reading order, each as normalized papyrus
 * letters ({@link PapyrusText}), passages without a letter left out.
 *
 * @param file     the TEI file
 * @param workId   the work, e.g. {@code tlg0012.tlg001}: from the file name, else from a CTS URN in the text, else the
 *                 file name without {@code .xml}
 * @param passages the Greek passages (lines, paragraphs, quotations …) of its {@code <text>}; empty for a file with no
 *                 Greek text (a translation, a metadata file)
 */
public record TeiEdition(Path file, String workId, List<String> passages) {
    public TeiEdition {
        if (file == null || workId == null || workId.isBlank()) throw new IllegalArgumentException("a TEI edition needs its file and work id");
        passages = List.copyOf(passages);
    }

    /** Letters in all passages. */
    public long letters() { return passages.stream().mapToLong(String::length).sum(); }
}
