package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanSource;
import org.scrollwork.io.Utf8Text;
import org.scrollwork.io.Volume;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.io.vesuvius.VolumePackage;
import org.scrollwork.prior.PapyrusText;
import org.scrollwork.workflows.app.SourceChecksum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork ingest}: appends scans and texts to a corpus, creating it if needed. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Appends scans and texts to a corpus.",
        description = {"Appends scan volumes and texts to a corpus (one indexed byte list), creating the corpus if it does not exist.",
                "Each record is preceded by a small JSON metadata record. Volumes stream slice by slice, so they may be larger than the heap.",
                "A volume package (.volpkg or its volumes/ folder) stands for its only volume or the one named with --volume.",
                "A segment folder (layers/, <id>_inklabels.png, <id>_mask.png) gives its surface volume, then its ink labels",
                "(modality inklabels) and mask (modality mask) as records aligned with the surface: their indices differ only in the block bits.",
                "An INPUT may be the http:// or https:// URL of an OME-Zarr store: its chunks of --level are fetched as they stream in (no checksum is recorded)."})
public final class IngestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Option(names = "--corpus", required = true, description = "corpus directory") Path corpusDir;

    @Parameters(paramLabel = "INPUT", arity = "0..*", converter = ScanSourceConverter.class,
            description = "scan volumes in any supported format, volume packages, segment folders, http(s):// URLs of OME-Zarr stores")
    List<ScanSource> inputs = new ArrayList<>();

    @Mixin VolumeChoice volume;

    @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text file to append (repeatable)") List<Path> texts = new ArrayList<>();

    @Option(names = "--papyrus-form", description = "store texts normalized to scriptio continua majuscule (Α–Ω only)") boolean papyrusForm;

    @Option(names = "--align-with", paramLabel = "RECORD",
            description = "place each input with the padded shape of this record, so their indices differ only in the block bits")
    Integer alignWith;

    @Option(names = "--level", defaultValue = "0", description = "resolution level to ingest from pyramids (default ${DEFAULT-VALUE})") int level;

    @Option(names = "--modality", defaultValue = "ct", description = "modality recorded for volumes (default ${DEFAULT-VALUE}; e.g. inklabels)")
    String modality;

    @Option(names = "--index-bits", defaultValue = "40", description = "index space of a new corpus, 16..48 bits (default ${DEFAULT-VALUE})")
    int indexBits;

    @Option(names = "--wait", description = "when another process is writing the corpus, wait for it to finish instead of failing (exit code 4)")
    boolean waitForWriter;

    @Override public Integer call() {
        if (inputs.isEmpty() && texts.isEmpty()) throw new IllegalArgumentException("nothing to ingest: give INPUT volumes or --text files");
        PrintWriter out = json.human(spec);
        ObjectNode j = json.object();
        j.put("corpus", corpusDir.toString());
        var recs = j.putArray("records");
        OptionalInt align = alignWith == null ? OptionalInt.empty() : OptionalInt.of(alignWith);
        try (Corpus corpus = CorpusWriting.openOrCreate(corpusDir, new CorpusOptions(indexBits), waitForWriter, spec.commandLine().getErr())) {
            for (ScanSource source : inputs) {
                if (source.isUrl()) {
                    if (volume.volume != null) throw new IllegalArgumentException("--volume chooses a volume of a local .volpkg, not of a URL");
                    append(corpus, out, recs, source.toString(), null, Formats.read(source.url(), level), modality, align);
                    continue;
                }
                Path given = source.path();
                if (VolumePackage.find(given).isEmpty() && Segment.isSegment(given)) {
                    Segment.Parts parts = Segment.parts(given);
                    Segment seg = Segment.read(given, layers -> Formats.read(layers, level)); // labels checked against the surface's x/y size first
                    CorpusRecord surface = append(corpus, out, recs, parts.layers(), seg.surface(), modality, align);
                    OptionalInt withSurface = OptionalInt.of(surface.id());
                    if (seg.inkLabels().isPresent()) append(corpus, out, recs, parts.inkLabels().orElseThrow(), seg.inkLabels().get(), "inklabels", withSurface);
                    if (seg.mask().isPresent()) append(corpus, out, recs, parts.mask().orElseThrow(), seg.mask().get(), "mask", withSurface);
                } else {
                    Path in = volume.resolve(given);
                    append(corpus, out, recs, in, Formats.read(in, level), modality, align);
                }
            }
            for (Path t : texts) {
                String text = Utf8Text.read(t);
                if (papyrusForm) text = PapyrusText.normalize(text).letters();
                RecordMeta meta = RecordMeta.of(papyrusForm ? "text/papyrus-form" : "text").withSource(t.toAbsolutePath().toString(), SourceChecksum.of(t));
                long t0 = System.nanoTime();
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                CorpusRecord r = corpus.appendText(utf8, meta, align);
                report(out, r, t, utf8.length, t0);
                recs.addObject().put("id", r.id()).put("kind", r.kind().name()).put("source", t.toString()).put("offset", r.offset())
                        .put("bytes", utf8.length).put("blockBits", r.blockBits());
            }
            j.put("fingerprint", corpus.fingerprint());
            j.put("records_total", corpus.records().size());
        }
        return json.emit(spec, j);
    }

    /** Appends volume {@code v}, read from {@code in}, and reports it on {@code out} and in {@code recs}. */
    private static CorpusRecord append(Corpus corpus, PrintWriter out, ArrayNode recs, Path in, Volume<?> v, String recordModality, OptionalInt alignTo) {
        return append(corpus, out, recs, in.toString(), in, v, recordModality, alignTo);
    }

    /**
     * Appends volume {@code v}, read from {@code in} (a path, or a URL when {@code file} is null: recorded without a checksum),
     * and reports it on {@code out} and in {@code recs}.
     */
    private static CorpusRecord append(Corpus corpus, PrintWriter out, ArrayNode recs, String in, Path file, Volume<?> v, String recordModality,
                                       OptionalInt alignTo) {
        RecordMeta meta = RecordMeta.of(recordModality, v.meta())
                .withSource(file == null ? in : file.toAbsolutePath().toString(), file == null ? null : SourceChecksum.of(file));
        long t0 = System.nanoTime();
        CorpusRecord r = corpus.appendVolume(v, meta, alignTo);
        report(out, r, in + " (" + recordModality + (alignTo.isPresent() ? ", aligned with record " + alignTo.getAsInt() : "") + ")", v.byteCount(), t0);
        ObjectNode rec = recs.addObject().put("id", r.id()).put("kind", r.kind().name()).put("modality", recordModality).put("source", in.toString())
                .put("offset", r.offset()).put("bytes", v.byteCount()).put("blockBits", r.blockBits());
        rec.set("shape", Json.longs(v.shape()));
        if (alignTo.isPresent()) rec.put("alignedWith", alignTo.getAsInt());
        return r;
    }

    private static void report(PrintWriter out, CorpusRecord r, Object source, long bytes, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf("record %d (%s) <- %s: %d bytes at index %d, block 2^%d (%.1f MB/s)%n", r.id(), r.kind(), source, bytes, r.offset(),
                r.blockBits(), bytes / 1e6 / Math.max(s, 1e-9));
    }
}
