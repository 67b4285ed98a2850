package org.scrollwork.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void markdownAlignsNumberColumnsRightAndPrintsNanAsNotAvailable() {
        ResultTable t = new ResultTable("Bits per byte", List.of("training", "static", "steps"), 2)
                .row("i.i.d.", 3.14159, 100)
                .row("serial | online", Double.NaN, 200);
        assertEquals("""
                **Bits per byte**

                | training | static | steps |
                |---|---:|---:|
                | i.i.d. | 3.14 | 100 |
                | serial \\| online | n/a | 200 |
                """, t.toMarkdown());
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotesAndKeepsFullPrecision() {
        ResultTable t = new ResultTable("t", List.of("name", "value")).row("a, \"b\"", 0.1 + 0.2).row("plain", 7L);
        assertEquals("name,value\r\n\"a, \"\"b\"\"\",0.30000000000000004\r\nplain,7\r\n", t.toCsv());
    }

    @Test
    void rowsMustMatchTheColumns() {
        ResultTable t = new ResultTable("t", List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
        assertThrows(IllegalArgumentException.class, () -> t.row("x", List.of(1)));
    }

    @Test
    void eachColumnCanHaveItsOwnDecimals() {
        ResultTable t = new ResultTable("scores", List.of("method", "PSNR dB", "SSIM"), List.of(0, 2, 3)).row("AUNN", 21.1534, 0.49123);
        assertEquals("| AUNN | 21.15 | 0.491 |", t.toMarkdown().lines().toList().get(4));
        assertThrows(IllegalArgumentException.class, () -> new ResultTable("t", List.of("a", "b"), List.of(1)));
    }
}
