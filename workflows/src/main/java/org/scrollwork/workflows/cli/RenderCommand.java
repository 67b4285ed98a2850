package org.scrollwork.workflows.cli;

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
import org.scrollwork.pipeline.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork render}: what a trained AUNN predicts for a volume record (or a box of it), written as a volume file. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders a volume record (or a box of it) from a trained AUNN: the expected voxel value at every voxel,",
                "in the record's data type and voxel size, written in the format the output name implies (.tif, .ome.zarr, .nrrd,",
                ".h5) or --format. With --stride K a sparse preview (every K-th voxel) is written first as <out>-preview."})
public final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "corpus directory") Path corpusDir;

    @Option(names = "--model", required = true, description = "snapshot file or run directory (uses its model.aunn)") Path model;

    @Option(names = "--record", required = true, description = "volume record id (see: scrollwork corpus DIR)") int record;

    @Option(names = "--box", split = ",", paramLabel = "x0,y0,z0,x1,y1,z1", description = "render only this box (end exclusive; default: the whole record)")
    long[] box;

    @Option(names = "--stride", defaultValue = "1", description = "sparse-first: write a preview of every K-th voxel before the full render (default ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--format", description = "output format name (default: from the output name)") String format;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "output file or directory") Path out;

    @Override public Integer call() {
        try (Corpus corpus = Corpus.open(corpusDir); TrainedModel trained = TrainedModel.load(model, corpus)) {
            CorpusRecord r = corpus.record(record);
            if (r.kind() != RecordKind.VOLUME) throw new IllegalArgumentException("record " + record + " is " + r.kind() + ", not a volume");
            Box b = box == null ? new Box(0, 0, 0, r.shape().x(), r.shape().y(), r.shape().z()) : Box.of(box);
            Format f = format != null ? Formats.byName(format).orElseThrow(() -> new UnsupportedFormatException(out, "no format named " + format))
                    : Formats.forOutput(out);
            ScanMetadata meta = r.meta().toScanMetadata(r.dataType()).toBuilder()
                    .provenance("render", "scrollwork AUNN " + model + " at step " + trained.step() + ", record " + record + " box " + b).build();
            double[] values = Renderer.render(trained.model(), r, b, stride, preview -> {
                Path p = previewPath(out);
                f.createWriter().write(p, Renderer.toVolume(preview, b, r.dataType(), meta));
                spec.commandLine().getOut().println("preview (every " + stride + "th voxel): " + p);
            });
            Volume<?> v = Renderer.toVolume(values, b, r.dataType(), meta);
            f.createWriter().write(out, v);
            spec.commandLine().getOut().printf("rendered record %d box %s (%d voxels) -> %s%n", record, b, b.voxels(), out);
        }
        return 0;
    }

    static Path previewPath(Path out) {
        String name = out.getFileName().toString();
        int dot = name.indexOf('.');
        return out.resolveSibling(dot < 0 ? name + "-preview" : name.substring(0, dot) + "-preview" + name.substring(dot));
    }
}
