package org.scrollwork.pipeline.ink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.pipeline.run.RegionException;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.vesuvius.Segment;

/**
 * The ink task's list: a segment's surface volume (modality {@code ct}, every voxel trained), then its ink labels as a
 * label record aligned with it ({@code inklabels}): each pixel's 0/1 label repeated at every layer of the surface, so the
 * label of a column is learned at each point of it and the AUNN's grids (shared with the surface through the frame,
 * read by labels without being shaped by them) must carry the ink. Label pixels take their {@link SegmentLabels} roles
 * over all layers.
 *
 * @param surfaceRecord the surface volume's record
 * @param labelRecord   the label record
 * @param layers        the surface's layers (its z size)
 */
public record SegmentCorpus(CorpusRecord surfaceRecord, CorpusRecord labelRecord, int layers) {

    /** Creates the corpus in {@code dir} (which must not exist yet). */
    public static SegmentCorpus create(Path dir, Segment segment, SegmentLabels labels) {
        Volume<?> surface = segment.surface();
        DataType t = surface.meta().dataType();
        if (t != DataType.UINT8 && t != DataType.UINT16) {
            throw new RegionException("segment " + segment.id() + ": its layers hold " + t.numpyName() + " voxels; the ink task takes uint8 or uint16 layers");
        }
        int layers = Math.toIntExact(surface.shape()[2]);
        try (Corpus corpus = Corpus.create(dir, CorpusOptions.defaults())) {
            CorpusRecord s = corpus.appendVolume(surface, RecordMeta.of("ct", surface.meta()).withSource(segment.id() + "/" + Segment.LAYERS, null),
                    OptionalInt.empty());
            ScanMetadata labelMeta = ScanMetadata.builder(DataType.UINT8).build();
            if (surface.meta().voxelSizeUm().isPresent()) labelMeta = labelMeta.withVoxelSize(surface.meta().voxelSizeUm().get());
            Volume<?> columns = Volumes.wrap(labels.columns(layers), new long[] {labels.width(), labels.height(), layers}, labelMeta);
            CorpusRecord l = corpus.appendVolume(columns, RecordMeta.of("inklabels", labelMeta).withSource(segment.id() + "_inklabels.png", null),
                    OptionalInt.of(s.id()));
            for (Role r : new Role[] {Role.HELD_OUT, Role.VALIDATION, Role.UNKNOWN}) {
                List<Box> runs = runs(labels, r, layers);
                if (!runs.isEmpty()) corpus.mask(l.id(), runs, r);
            }
            return new SegmentCorpus(s, l, layers);
        }
    }

    /** Boxes covering the pixels of role {@code r}: one per run along x of a row, through all layers. */
    static List<Box> runs(SegmentLabels labels, Role r, int layers) {
        List<Box> out = new ArrayList<>();
        int nx = labels.width();
        for (int y = 0; y < labels.height(); y++) {
            int x = 0;
            while (x < nx) {
                if (labels.role(y * nx + x) != r) { x++; continue; }
                int x0 = x;
                while (x < nx && labels.role(y * nx + x) == r) x++;
                out.add(new Box(x0, y, 0, x, y + 1, layers));
            }
        }
        return out;
    }
}
