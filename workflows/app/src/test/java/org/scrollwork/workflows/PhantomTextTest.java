package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.workflows.cli.PhantomCommand;

/** Without --text the phantom writes John from the installed SBLGNT; without the corpus, the built-in passage. */
class PhantomTextTest {
    @TempDir Path dir;

    @Test
    void passageComesFromJohnInTheInstalledCorpusInPapyrusForm() throws Exception {
        Path db = dir.resolve("sblgnt.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sblgnt (book integer, chapter integer, verse integer, greek text)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO sblgnt VALUES (?, 1, ?, ?)")) {
                Object[][] rows = {{42, 1, "Ἐπειδήπερ πολλοὶ"}, {43, 1, "Ἐν ἀρχῇ ἦν ὁ λόγος,"}, {43, 2, "οὗτος ἦν"}};
                for (Object[] r : rows) {
                    ins.setInt(1, (Integer) r[0]);
                    ins.setInt(2, (Integer) r[1]);
                    ins.setString(3, (String) r[2]);
                    ins.executeUpdate();
                }
            }
        }
        assertEquals("ΕΝΑΡΧΗΗΝΟΛΟΓΟΣΟΥΤΟΣΗΝ", PhantomCommand.corpusPassage(db));
        assertNull(PhantomCommand.corpusPassage(dir.resolve("absent.sqlite")));
    }
}
