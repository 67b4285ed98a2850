package org.scrollwork.workflows.finetune;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.prior.PapyrusText;
import org.scrollwork.workflows.app.SourceChecksum;

/**
 * Appends a job's new scans and texts to the corpus, once: an input whose record (same source path
 * and checksum) is already among the records this job may have added is not appended again, so a
 * job killed mid-ingest continues where it stopped. Each new record's last {@code heldOut} part is
 * masked HELD_OUT. Returns the new records' range {@code [first, end)} (METADATA records included).
 */
final class JobIngest {
    private static final long LOCK_WAIT_MS = 10 * 60_000L;

    private JobIngest() {}

    static int[] run(FinetuneSpec.Ingest ingest, Corpus corpus, int recordsBefore, PrintWriter log) {
        List<CorpusRecord> ours = new ArrayList<>();
        for (Path scan : ingest.scans()) {
            String sum = SourceChecksum.of(scan);
            CorpusRecord r = find(corpus, recordsBefore, scan, sum).orElseGet(() -> {
                Volume<?> v = Formats.read(scan, ingest.level());
                RecordMeta meta = RecordMeta.of(ingest.modality(), v.meta()).withSource(scan.toAbsolutePath().toString(), sum);
                CorpusRecord rec = whenWriter(corpus, log, () -> corpus.appendVolume(v, meta, OptionalInt.empty()));
                log.printf("ingest: record %d <- %s (%d bytes)%n", rec.id(), scan, rec.length());
                return rec;
            });
            ours.add(r);
        }
        for (Path text : ingest.texts()) {
            String sum = SourceChecksum.of(text);
            CorpusRecord r = find(corpus, recordsBefore, text, sum).orElseGet(() -> {
                String t = readText(text);
                if (ingest.papyrusForm()) t = PapyrusText.normalize(t).letters();
                RecordMeta meta = RecordMeta.of(ingest.papyrusForm() ? "text/papyrus-form" : "text").withSource(text.toAbsolutePath().toString(), sum);
                byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
                CorpusRecord rec = whenWriter(corpus, log, () -> corpus.appendText(utf8, meta, OptionalInt.empty()));
                log.printf("ingest: record %d <- %s (%d bytes)%n", rec.id(), text, rec.length());
                return rec;
            });
            ours.add(r);
        }
        if (ingest.heldOut() > 0) for (CorpusRecord r : ours) holdOut(corpus, r, ingest.heldOut());
        int first = ours.stream().mapToInt(CorpusRecord::id).min().orElseThrow() - 1; // the METADATA record before it
        int end = ours.stream().mapToInt(CorpusRecord::id).max().orElseThrow() + 1;
        for (int id = first; id < end; id++) {
            CorpusRecord r = corpus.record(id);
            int data = r.kind() == RecordKind.METADATA ? r.describes() : r.id();
            if (ours.stream().noneMatch(o -> o.id() == data)) {
                throw new FinetuneException("corpus " + corpus.directory() + ": record " + id + " was appended by someone else between this job's "
                        + "ingests, so the new scroll's records are not one range; ingest it first and give 'newRecordsFrom' instead");
            }
        }
        return new int[] {first, end};
    }

    private static Optional<CorpusRecord> find(Corpus corpus, int recordsBefore, Path source, String checksum) {
        String abs = source.toAbsolutePath().toString();
        List<CorpusRecord> all = corpus.records();
        for (CorpusRecord r : all.subList(Math.min(recordsBefore, all.size()), all.size())) {
            if (r.kind() != RecordKind.METADATA && r.meta().sourcePath().equals(Optional.of(abs)) && r.meta().sourceChecksum().equals(Optional.of(checksum))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Masks the last slices of a volume (the last bytes of a text) HELD_OUT, unless a mask is already there. */
    private static void holdOut(Corpus corpus, CorpusRecord r, double fraction) {
        if (corpus.masks().stream().anyMatch(m -> m.recordId() == r.id())) return;
        long x = r.shape().x(), y = r.shape().y(), z = r.shape().z();
        Box box;
        if (z > 1) {
            long n = Math.min(z - 1, Math.max(1, (long) Math.ceil(fraction * z)));
            box = new Box(0, 0, z - n, x, y, z);
        } else if (y > 1) {
            long n = Math.min(y - 1, Math.max(1, (long) Math.ceil(fraction * y)));
            box = new Box(0, y - n, 0, x, y, 1);
        } else {
            long n = Math.min(x - 1, Math.max(1, (long) Math.ceil(fraction * x)));
            if (n < 1) return;
            box = Box.range(x - n, x);
        }
        corpus.mask(r.id(), box, Role.HELD_OUT);
    }

    /** Runs a corpus write, waiting while another process holds the corpus writer lock (another job ingesting). */
    private static <T> T whenWriter(Corpus corpus, PrintWriter log, java.util.function.Supplier<T> write) {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        boolean told = false;
        while (true) {
            try {
                return write.get();
            } catch (IllegalStateException e) {
                if (e.getMessage() == null || !e.getMessage().contains("another") || System.currentTimeMillis() > deadline) throw e;
                if (!told) log.printf("ingest: waiting for %s (%s)%n", corpus.directory(), e.getMessage());
                told = true;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String readText(Path t) {
        try {
            return org.scrollwork.io.Utf8Text.read(t);
        } catch (java.io.UncheckedIOException e) {
            throw new FinetuneException(e.getMessage(), e);
        }
    }
}
