package org.scrollwork.pipeline.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.prior.GreekCorpusFetcher;

/**
 * Everything a {@link PipelineRun} needs, resolved (no defaults left open), written as {@value RunDirectory#CONFIG}
 * in the run directory so a rerun continues the same run.
 *
 * @param scan         the scan file or folder (any supported format), or the http(s):// URL of an OME-Zarr store
 * @param level        its pyramid level
 * @param crop         edge of the centred region the AUNN learns, in voxels (z gets half)
 * @param steps        AUNN training steps
 * @param width        MLP width
 * @param depth        residual blocks
 * @param batch        batch size
 * @param lr           peak learning rate
 * @param seed         seed of the model and schedules
 * @param text         a Greek transcription of the scroll (UTF-8, any form; normalized to papyrus form), or null
 * @param letters      a letter label volume aligned voxel for voxel with the scan (0 = no ink, 1..24 = Α..Ω), or null
 * @param truth        a phantom ground truth JSON (letter boxes), needed with {@code letters} for the text overlay, or null
 * @param hideEvery    the text's hidden spans start every this many letters
 * @param hideSpan     letters per hidden span
 * @param distillSteps distillation steps
 * @param distillLr    distillation learning rate
 * @param prior        the language prior's training text: {@code sblgnt:<path>} (the cached SBL Greek New Testament,
 *                     training books, any book holding the transcription left out) or {@code text} (the transcription's
 *                     visible letters)
 * @param ngramOrder   order of the prior's n-gram
 * @param encoding     how the AUNN reads an index: the geometry embedding (the default: {@link GeometrySpec#defaults()}) or
 *                     the seed's ±1 bits; null in a run written before the choice existed means bits
 * @param patience     evaluations without a better validation score before training stops (0 = never early)
 * @param cleanScan    a noise-free version of the scan (a phantom's {@code clean-*}), scored against too, or null
 * @param box          the region the AUNN learns, {@code x0,y0,z0,x1,y1,z1} (ends exclusive) in voxels of {@code level}, or null for
 *                     the centred crop of edge {@code crop}; left out of the stored config when null, so earlier runs continue
 * @param holdOutAxis  the axis along which planes are held out (every second, or all but every K-th): {@code y} (rows), {@code x} (columns), or null for
 *                     z slices (the default)
 * @param holdOut      the held-out pattern's {@link HeldOutPattern#spec()} ({@code planes:K}, {@code random:F}, {@code box:…}), or null
 *                     for every second plane (the default, left out of the stored config as in runs before the choice)
 */
public record RunConfig(String scan, int level, int crop, int steps, int width, int depth, int batch, double lr, long seed,
                        String text, String letters, String truth, int hideEvery, int hideSpan, int distillSteps, double distillLr,
                        String prior, int ngramOrder, EncodingSpec encoding, int patience, String cleanScan,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> box,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String holdOutAxis,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String holdOut) {
    public RunConfig {
        if (holdOut != null) {
            HeldOutPattern p = HeldOutPattern.parse(holdOut);
            holdOut = p.equals(new HeldOutPattern.Planes()) ? null : p.spec();
        }
        if (holdOut != null && !(HeldOutPattern.parse(holdOut) instanceof HeldOutPattern.Planes) && holdOutAxis != null
                && !HoldOutAxis.parse(holdOutAxis).equals(HoldOutAxis.Z)) {
            throw new RegionException("--hold-out-axis chooses the planes of --hold-out planes; --hold-out " + holdOut + " holds out voxels, not planes");
        }
        if (holdOutAxis != null) {
            holdOutAxis = HoldOutAxis.parse(holdOutAxis).letter();
            if (holdOutAxis.equals("z")) holdOutAxis = null; // the default, left out of the stored config as in runs before the choice
        }
        if (holdOutAxis != null && (text != null || letters != null)) {
            throw new RegionException("a transcription and letter labels are placed by z slice; hold out z slices (the default) with --text");
        }
        if (box != null) {
            if (box.size() != 6) throw new RegionException("a box is x0,y0,z0,x1,y1,z1 (six numbers); got " + box.size() + ": " + box);
            box = List.copyOf(box);
        }
        if (encoding == null) encoding = EncodingSpec.binary();
        if (encoding.kind() == EncodingSpec.Kind.GRAY) throw new IllegalArgumentException("a run reads indices as bits or through the geometry embedding, not Gray code");
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0: " + patience);
        if (scan == null) throw new IllegalArgumentException("a run needs a scan");
        if (crop < 3 || steps < 1 || width < 1 || depth < 1 || batch < 1 || distillSteps < 1) {
            throw new IllegalArgumentException("crop must be >= 3 and steps, width, depth, batch, distill steps >= 1");
        }
        if (hideSpan < 1 || hideEvery <= hideSpan) throw new IllegalArgumentException("hidden spans: need 1 <= span < every, got " + hideSpan + " of " + hideEvery);
        if ((letters == null) != (truth == null)) throw new IllegalArgumentException("the text overlay needs both a letter label volume and a ground truth JSON");
    }

    /** A run of a scan with the defaults of {@code scrollwork run}; the prior is the cached SBLGNT when present, else the text itself. */
    public static RunConfig of(Path scan, int level, int crop, int steps, long seed) {
        return of(org.scrollwork.io.ScanSource.of(scan), level, crop, steps, seed);
    }

    /** Same as {@link #of(Path, int, int, int, long)} for a scan that may be the http(s):// URL of an OME-Zarr store (kept as given). */
    public static RunConfig of(org.scrollwork.io.ScanSource scan, int level, int crop, int steps, long seed) {
        return new RunConfig(scan.isUrl() ? scan.url().toString() : scan.path().toAbsolutePath().toString(), level, crop, steps, TrainingDefaults.WIDTH, TrainingDefaults.DEPTH, TrainingDefaults.BATCH, TrainingDefaults.LR, seed, null, null, null,
                16, 4, 300, 5e-4, defaultPrior(), 6, EncodingSpec.geometry(GeometrySpec.defaults()), TrainingDefaults.PATIENCE, null, null, null, null);
    }

    /** The scan, as a path or a URL ({@link #scan()} is its text). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public org.scrollwork.io.ScanSource scanSource() { return org.scrollwork.io.ScanSource.parse(scan); }

    /** {@code sblgnt:<path>} when the SBLGNT is in the cache (nothing is downloaded), else {@code text}. */
    public static String defaultPrior() {
        Path db = GreekCorpusFetcher.withDefaultCache().sblgntPath();
        return Files.isRegularFile(db) ? "sblgnt:" + db.toAbsolutePath() : "text";
    }

    /**
     * This run with its language prior counted on the SBLGNT at {@code sblgnt} (its training books), or, when that is
     * null, on the transcription's visible letters.
     */
    public RunConfig withPrior(Path sblgnt) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, sblgnt == null ? "text" : "sblgnt:" + sblgnt.toAbsolutePath(), ngramOrder, encoding, patience, cleanScan,
                box, holdOutAxis, holdOut);
    }

    /** This run with a transcription and, optionally, the letter labels and ground truth that place it in the scan. */
    public RunConfig withText(Path text, Path letters, Path truth) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, abs(text), abs(letters), abs(truth), hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, cleanScan, box, holdOutAxis, holdOut);
    }

    /** This run with another model shape. */
    public RunConfig withModel(int width, int depth, int batch, double lr) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, cleanScan, box, holdOutAxis, holdOut);
    }

    /** This run with another distillation budget. */
    public RunConfig withDistill(int steps, double lr) {
        return new RunConfig(scan, level, crop, this.steps, width, depth, batch, this.lr, seed, text, letters, truth, hideEvery, hideSpan,
                steps, lr, prior, ngramOrder, encoding, patience, cleanScan, box, holdOutAxis, holdOut);
    }

    /** This run reading indices another way, stopping after {@code patience} evaluations without a better validation score. */
    public RunConfig withEncoding(EncodingSpec e, int patience) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, e, patience, cleanScan, box, holdOutAxis, holdOut);
    }

    /** This run also scored against a noise-free version of the scan. */
    public RunConfig withCleanScan(Path clean) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, abs(clean), box, holdOutAxis, holdOut);
    }

    /** This run learning the box {@code x0,y0,z0,x1,y1,z1} (ends exclusive) instead of the centred crop. */
    public RunConfig withBox(long[] box) {
        List<Long> b = box == null ? null : java.util.Arrays.stream(box).boxed().toList();
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, cleanScan, b, holdOutAxis, holdOut);
    }

    /** This run holding out planes along {@code axis} (every second one, or as its {@code planes:K} pattern says). */
    public RunConfig withHoldOutAxis(HoldOutAxis axis) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, cleanScan, box, axis.letter(), holdOut);
    }

    /** This run holding out {@code pattern} instead of every second plane ({@code planes}: as before). */
    public RunConfig withHoldOut(HeldOutPattern pattern) {
        return new RunConfig(scan, level, crop, steps, width, depth, batch, lr, seed, text, letters, truth, hideEvery, hideSpan,
                distillSteps, distillLr, prior, ngramOrder, encoding, patience, cleanScan, box, holdOutAxis, pattern.spec());
    }

    /** The held-out pattern (planes unless chosen). */
    public HeldOutPattern pattern() { return holdOut == null ? new HeldOutPattern.Planes() : HeldOutPattern.parse(holdOut); }

    /** The axis along which planes are held out (z unless chosen). */
    public HoldOutAxis axis() { return holdOutAxis == null ? HoldOutAxis.Z : HoldOutAxis.parse(holdOutAxis); }

    /**
     * The region of a scan of this shape that the run learns: the box, or the centred crop.
     *
     * @throws RegionException naming the box and the scan's size when the box is empty or leaves the scan, or naming
     *                         {@code --hold-out planes:K} when the region has too few planes for K
     */
    public Region region(long[] shape) {
        HeldOutPattern pattern = pattern();
        // every second plane: Region says what to do with too few (as before planes:K); planes:K says so itself; scattered voxels and a box need no neighbouring planes
        int minPlanes = pattern.equals(new HeldOutPattern.Planes()) ? Region.MIN_SLICES : 1;
        Region r = box == null ? Region.centred(shape, crop, scan, axis(), minPlanes)
                : Region.box(shape, box.stream().mapToLong(Long::longValue).toArray(), scan, axis(), minPlanes);
        if (pattern instanceof HeldOutPattern.DamagedBox d) d.checkInside(r.size());
        if (pattern instanceof HeldOutPattern.Planes p) p.checkFits(r.size()[axis().index()], axis(), r + " of " + scan);
        return r;
    }

    /** The AUNN config of the train stage. */
    public AunnConfig aunnConfig() {
        return TrainingDefaults.config(width, depth, batch, lr, steps, seed).withEncoding(encoding);
    }

    private static String abs(Path p) { return p == null ? null : p.toAbsolutePath().toString(); }
}
