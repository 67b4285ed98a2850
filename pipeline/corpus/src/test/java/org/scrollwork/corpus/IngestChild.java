package org.scrollwork.corpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;

/**
 * Child-JVM side of the fault-injection tests: opens the corpus in {@code args[0]} and appends the
 * deterministic sequence of records (append number n = (dataId - 1) / 2) until killed or until
 * {@code args[1]} appends are done, printing {@code committed ID} after each.
 */
public final class IngestChild {
    private IngestChild() {}

    /** What append number n writes: a text every third append, otherwise a coordinate-oracle volume. */
    static boolean isText(int n) { return n % 3 == 2; }

    static byte[] text(int n) {
        return ("append " + n + " ").repeat(1 + (n * 37) % 400).getBytes(StandardCharsets.UTF_8);
    }

    static long[] shape(int n) {
        return n % 3 == 0 ? new long[] {256, 200 + n % 31, 6 + n % 9} : new long[] {40 + n % 17, 30 + n % 13, 20 + n % 7};
    }

    static Volume<?> volume(int n) {
        long[] s = shape(n);
        return Oracles.volume(DataType.UINT16, s[0], s[1], s[2], n % 16);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int limit = Integer.parseInt(args[1]);
        try (Corpus c = Corpus.open(dir)) {
            for (int i = 0; i < limit; i++) {
                int n = c.records().size() / 2;
                CorpusRecord r = isText(n)
                        ? c.appendText(text(n), RecordMeta.of("text"), OptionalInt.empty())
                        : c.appendVolume(volume(n), RecordMeta.of("ct").withScanId("scan-" + n), OptionalInt.empty());
                System.out.println("committed " + r.id());
                System.out.flush();
            }
        }
    }
}
