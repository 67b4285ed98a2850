package org.scrollwork.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.VoxelHoldOut;
import org.scrollwork.prior.PapyrusText;

/**
 * Ingest: the scan's {@link Region} (the {@code --box}, or centred) into a new corpus ({@code corpus/}) with every second z slice
 * (or row, or column: {@link HoldOutAxis}, stored as the record's z; with {@code --hold-out planes:K} all but every K-th) kept from
 * training (one gap between known planes in four for validation, the rest held out as the test: {@link SliceReconstruction#planeSplit}), and,
 * with a transcription, the text in papyrus form with spans of {@code hideSpan} letters every {@code hideEvery} letters
 * held out (what the run has to read). With {@code --hold-out random:F} or {@code box:…} ({@link HeldOutPattern}) voxels instead of
 * planes are kept from training, a seeded random tenth of them for validation ({@link VoxelHoldOut}). An interrupted ingest is started again from an empty corpus.
 */
final class IngestStage implements Stage<IngestResult> {
    static final String NAME = "ingest";

    @Override public String name() { return NAME; }

    @Override public Class<IngestResult> resultType() { return IngestResult.class; }

    @Override public IngestResult run(StageContext ctx) {
        RunConfig c = ctx.config();
        Path dir = ctx.dir().corpus();
        if (Files.exists(dir)) {
            ctx.log("ingest: removing the partial corpus of an interrupted ingest, " + dir);
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
            }
        }
        Volume<?> scan = Formats.read(c.scanSource(), c.level());
        if (scan.meta().dataType() != DataType.UINT8 && scan.meta().dataType() != DataType.UINT16) {
            throw new IllegalArgumentException(c.scan() + " holds " + scan.meta().dataType().numpyName()
                    + " voxels; the reconstruction run takes uint8 or uint16 scans (convert first)");
        }
        Region region = c.region(scan.shape());
        ChunkedVolumes.prefetch(scan, region.origin(), region.size()); // a scan read over HTTP: the region's chunks, several at a time
        try (Corpus corpus = Corpus.create(dir, CorpusOptions.defaults())) {
            Volume<?> crop = c.axis().record(region.of(scan));
            CorpusRecord rec = corpus.appendVolume(crop, RecordMeta.of("ct", crop.meta()).withSource(c.scan() + " region " + region, null), OptionalInt.empty());
            HeldOutPattern pattern = c.pattern();
            List<Integer> held = List.of(), validation = List.of();
            VoxelHoldOut.Split voxels = null;
            if (pattern instanceof HeldOutPattern.Planes p) {
                SliceReconstruction.Split split = SliceReconstruction.holdOutPlanesWithValidation(corpus, rec.id(), p.every());
                held = split.heldOut();
                validation = split.validation();
                ctx.log(String.format("ingest: region %s of %s, %d %s held out along %s (the test), %d for validation%s", region, c.scan(), held.size(),
                        c.axis().planes(), c.axis().letter(), validation.size(), p.every() == HeldOutPattern.Planes.DEFAULT_EVERY ? ""
                                : " (--hold-out " + p.spec() + ": the " + c.axis().planes() + " with index % " + p.every() + " == 0 known)"));
            } else if (pattern instanceof HeldOutPattern.RandomVoxels p) {
                voxels = VoxelHoldOut.random(corpus, rec.id(), p.fraction(), HeldOutPattern.VALIDATION_FRACTION, c.seed());
                ctx.log(String.format("ingest: region %s of %s, %d random voxels held out (the test), %d for validation (--hold-out %s, seed %d)", region,
                        c.scan(), voxels.heldOut(), voxels.validation(), p.spec(), c.seed()));
            } else if (pattern instanceof HeldOutPattern.DamagedBox p) {
                voxels = VoxelHoldOut.box(corpus, rec.id(), new Box(p.x0(), p.y0(), p.z0(), p.x1(), p.y1(), p.z1()), HeldOutPattern.VALIDATION_FRACTION, c.seed());
                ctx.log(String.format("ingest: region %s of %s, the box %s held out: %d voxels the test, %d (a random tenth) for validation", region,
                        c.scan(), p.spec(), voxels.heldOut(), voxels.validation()));
            }
            Integer textRecord = null, textLetters = null, hiddenLetters = null;
            if (c.text() != null) {
                String letters = PapyrusText.normalize(read(Path.of(c.text()))).letters();
                if (letters.length() <= c.hideEvery()) throw new IllegalArgumentException(c.text() + " has " + letters.length() + " Greek letters; the run needs more than " + c.hideEvery());
                CorpusRecord t = corpus.appendText(letters.getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form").withSource(c.text(), null),
                        OptionalInt.empty());
                List<int[]> spans = hiddenSpans(letters.length(), c.hideEvery(), c.hideSpan());
                int hidden = 0;
                for (int[] s : spans) {
                    corpus.mask(t.id(), 2L * s[0], 2L * s[1], Role.HELD_OUT);
                    hidden += s[1] - s[0];
                }
                textRecord = t.id();
                textLetters = letters.length();
                hiddenLetters = hidden;
                ctx.log(String.format("ingest: %d letters of %s in papyrus form, %d hidden in %d spans", letters.length(), c.text(), hidden, spans.size()));
            }
            return new IngestResult(rec.id(), longs(region.origin()), longs(region.size()), c.axis().letter(), c.axis().recordAxes(), held, validation,
                    scan.meta().scrollId().orElse(null), scan.meta().voxelSizeUm().map(v -> DoubleStream.of(v.toArray()).boxed().toList()).orElse(null),
                    textRecord, textLetters, hiddenLetters, corpus.count(Role.TRAIN), corpus.count(Role.HELD_OUT), corpus.fingerprint(),
                    c.holdOut(), voxels == null ? null : voxels.heldOut(), voxels == null ? null : voxels.validation());
        }
    }

    private static List<Long> longs(long[] a) { return LongStream.of(a).boxed().toList(); }

    /** Spans {@code [from, to)} of {@code span} letters starting at {@code every/2, every/2 + every, ...}. */
    static List<int[]> hiddenSpans(int n, int every, int span) {
        List<int[]> out = new ArrayList<>();
        for (int s = every / 2; s < n; s += every) out.add(new int[] {s, Math.min(n, s + span)});
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text " + p + ": " + e.getMessage(), e);
        }
    }
}
