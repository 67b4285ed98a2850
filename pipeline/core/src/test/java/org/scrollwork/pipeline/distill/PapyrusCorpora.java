package org.scrollwork.pipeline.distill;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;

/** Test corpora: one papyrus-form text record with some letter spans held out. */
final class PapyrusCorpora {
    private PapyrusCorpora() {}

    /** Creates the corpus; {@code spans} are {from, to} letter ranges marked HELD_OUT. Returns the text record's id. */
    static int create(Path dir, String letters, int[][] spans) {
        try (Corpus c = Corpus.create(dir, new CorpusOptions(20))) {
            CorpusRecord r = c.appendText(letters.getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form"), OptionalInt.empty());
            for (int[] s : spans) c.mask(r.id(), 2L * s[0], 2L * s[1], Role.HELD_OUT);
            return r.id();
        }
    }
}
