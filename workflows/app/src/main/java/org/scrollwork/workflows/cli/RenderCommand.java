package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.distill.DistillStage;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.pipeline.render.ChunkedRender;
import org.scrollwork.pipeline.render.Renderer;
import org.scrollwork.pipeline.render.TextRender;
import org.scrollwork.pipeline.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork render}: what a trained AUNN predicts for a volume record (or a box of it), written as a volume file. */
@Command(name = "render", mixinStandardHelpOptions = true,
        header = "Writes what a trained AUNN predicts for a record: a volume, or text readings.",
        description = {"Renders a volume record (or a box of it) from a trained AUNN: the expected voxel value at every voxel,",
                "in the record's data type and voxel size, written in the format the output name implies (.tif, .ome.zarr, .nrrd,",
                ".h5) or --format. With --stride K a sparse preview (every K-th voxel) is written first as <out>-preview.",
                "A papyrus-form text record is read instead: its hidden letters filled by the AUNN alone and, with a distilled",
                "model (--prior-model, default RUN/distilled.aunn when present), with the language prior; OUTPUT is a directory",
                "receiving both readings as UTF-8, per-letter provenance JSON and an HTML page marking the letters the prior decided."})
public final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Option(names = "--corpus", required = true, description = "corpus directory") Path corpusDir;

    @Option(names = "--model", required = true, description = "snapshot file or run directory (uses its model.aunn)") Path model;

    @Option(names = "--record", required = true, description = "volume record id (see: scrollwork corpus DIR)") int record;

    @Option(names = "--box", split = ",", paramLabel = "x0,y0,z0,x1,y1,z1", description = "render only this box (end exclusive; default: the whole record)")
    long[] box;

    @Option(names = "--stride", defaultValue = "1", description = "sparse-first: write a preview of every K-th voxel before the full render (default ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--format", description = "output format name (default: from the output name)") String format;

    @Option(names = "--prior-model", description = "text records: the distilled snapshot (default: distilled.aunn beside the model, if any)")
    Path priorModel;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "output file or directory") Path out;

    @Override public Integer call() {
        try (Corpus corpus = Corpus.open(corpusDir); TrainedModel trained = TrainedModel.load(model, corpus)) {
            CorpusRecord r = corpus.record(record);
            if (r.kind() == RecordKind.TEXT) return renderText(corpus, trained);
            if (r.kind() != RecordKind.VOLUME) throw new IllegalArgumentException("record " + record + " is " + r.kind() + ", not a volume or a text");
            Box b = box == null ? new Box(0, 0, 0, r.shape().x(), r.shape().y(), r.shape().z()) : Box.of(box);
            Format f = format != null ? Formats.byName(format).orElseThrow(() -> new UnsupportedFormatException(out, "no format named " + format))
                    : Formats.forOutput(out);
            ScanMetadata meta = r.meta().toScanMetadata(r.dataType()).toBuilder()
                    .provenance("render", "scrollwork AUNN " + model + " at step " + trained.step() + ", record " + record + " box " + b).build();
            ObjectNode j = json.object();
            if (f.name().equals("ome-zarr") && stride == 1) return renderChunked(trained, r, b, meta, j);
            double[] values = Renderer.render(trained.model(), r, b, stride, preview -> {
                Path p = previewPath(out);
                f.createWriter().write(p, Renderer.toVolume(preview, b, r.dataType(), meta));
                json.human(spec).println("preview (every " + stride + "th voxel): " + p);
                j.put("preview", p.toString());
            });
            Volume<?> v = Renderer.toVolume(values, b, r.dataType(), meta);
            f.createWriter().write(out, v);
            json.human(spec).printf("rendered record %d box %s (%d voxels) -> %s%n", record, b, b.voxels(), out);
            j.put("record", record);
            j.put("kind", "volume");
            j.put("output", out.toString());
            j.put("format", f.name());
            j.put("box", b.toString());
            j.put("voxels", b.voxels());
            j.put("step", trained.step());
            Json.meta(j, v.meta());
            return json.emit(spec, j);
        }
    }

    /** An OME-Zarr output is rendered and written chunk by chunk: memory stays at one chunk whatever the box. */
    private int renderChunked(TrainedModel trained, CorpusRecord r, Box b, ScanMetadata meta, ObjectNode j) {
        long chunks;
        try (org.scrollwork.pipeline.Progress.Task bar = new ConsoleProgress(json.human(spec)).start("render", 0, -1, 0)) {
            chunks = ChunkedRender.render(trained.model(), r, b, out, meta, bar);
        }
        json.human(spec).printf("rendered record %d box %s (%d voxels, %d chunks) -> %s%n", record, b, b.voxels(), chunks, out);
        j.put("record", record);
        j.put("kind", "volume");
        j.put("output", out.toString());
        j.put("format", "ome-zarr");
        j.put("box", b.toString());
        j.put("voxels", b.voxels());
        j.put("chunks", chunks);
        j.put("step", trained.step());
        Json.meta(j, meta);
        return json.emit(spec, j);
    }

    private int renderText(Corpus corpus, TrainedModel trained) {
        Path prior = priorModel;
        if (prior == null && Files.isDirectory(model) && Files.exists(model.resolve(DistillStage.DISTILLED))) prior = model.resolve(DistillStage.DISTILLED);
        PapyrusRecord rec = PapyrusRecord.read(corpus, record);
        TextRender t;
        if (prior != null) {
            try (TrainedModel withPrior = TrainedModel.load(prior, corpus)) {
                t = TextRender.of(rec, trained.model(), withPrior.model());
            }
        } else {
            t = TextRender.of(rec, trained.model(), null);
        }
        Path html = TextReport.write(out, t);
        PrintWriter o = json.human(spec);
        o.println("AUNN alone:      " + t.withoutPrior());
        if (t.withPrior() != null) {
            o.println("with the prior:  " + t.withPrior());
            o.printf("%d hidden letters, %d decided by the prior (%s)%n", t.hidden().size(), t.decidedByPrior(), prior);
        } else {
            o.printf("%d hidden letters; no distilled model, so no reading with the prior%n", t.hidden().size());
        }
        o.println("-> " + html);
        ObjectNode j = json.object();
        j.put("record", record);
        j.put("kind", "text");
        j.put("output", out.toString());
        j.put("page", html.toString());
        j.put("withoutPrior", t.withoutPrior());
        if (t.withPrior() != null) {
            j.put("withPrior", t.withPrior());
            j.put("priorModel", prior.toString());
            j.put("decidedByPrior", t.decidedByPrior());
        }
        j.put("hiddenLetters", t.hidden().size());
        return json.emit(spec, j);
    }

    static Path previewPath(Path out) {
        String name = out.getFileName().toString();
        int dot = name.indexOf('.');
        return out.resolveSibling(dot < 0 ? name + "-preview" : name.substring(0, dot) + "-preview" + name.substring(dot));
    }
}
