package org.scrollwork.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.aunn.data.IndexLayout;

/**
 * The corpus's {@link IndexLayout}: what its manifest records about each record's block, read for the geometry-aware
 * index embedding. Volumes lie in a physical frame: records of one scroll (same scroll id) share one, and a record
 * appended aligned with another lies in that one's frame; a record with neither gets a frame of its own. Voxel (0, 0, 0) of every record is at
 * its frame's origin, and a record without a voxel size has 1 µm voxels. Channels tell records apart by modality, beam
 * energy and voxel size, in record order (the last channel is shared once {@link IndexLayout#CHANNELS} - 1 are taken).
 * A volume whose modality names a label ({@code ink-label}, {@code letter-label}) is a label region: it reads the
 * frame's grids without shaping them.
 */
final class CorpusLayout {
    private CorpusLayout() {}

    static IndexLayout of(List<CorpusRecord> records) {
        Map<String, Integer> frames = new HashMap<>(), channels = new HashMap<>();
        List<IndexLayout.Region> out = new ArrayList<>();
        for (CorpusRecord r : records) {
            RecordMeta m = r.meta();
            String channelKey = r.kind() + "|" + m.modality() + "|" + m.beamEnergyKeV().map(String::valueOf).orElse("") + "|"
                    + m.voxelSizeUm().map(v -> v.xUm() + "," + v.yUm() + "," + v.zUm()).orElse("");
            int channel = channels.computeIfAbsent(channelKey, k -> Math.min(channels.size(), IndexLayout.CHANNELS - 2));
            int xb = Extent.log2(r.paddedShape().x()), yb = Extent.log2(r.paddedShape().y()), zb = Extent.log2(r.paddedShape().z());
            if (r.kind() != RecordKind.VOLUME) {
                out.add(new IndexLayout.Region(r.offset(), false, xb, yb, zb, r.byteBits(), -1, null, null, channel, false));
                continue;
            }
            CorpusRecord root = root(records, r);
            String frameKey = root.meta().scrollId().map(s -> "scroll:" + s).orElse("record:" + root.id());
            int frame = frames.computeIfAbsent(frameKey, k -> frames.size());
            double[] voxel = m.voxelSizeUm().map(v -> v.toArray()).orElse(new double[] {1, 1, 1});
            out.add(new IndexLayout.Region(r.offset(), true, xb, yb, zb, r.byteBits(), frame, new double[3], voxel, channel, isLabel(m.modality())));
        }
        return new IndexLayout(out);
    }

    /** Label volumes by modality: {@code ink-label}, {@code inklabels}, {@code letter-label}, ... (any modality naming a label). */
    static boolean isLabel(String modality) { return modality.toLowerCase(java.util.Locale.ROOT).contains("label"); }

    /** The first record of the alignment chain {@code r} belongs to. */
    private static CorpusRecord root(List<CorpusRecord> records, CorpusRecord r) {
        CorpusRecord c = r;
        while (c.alignedWith() >= 0) c = records.get(c.alignedWith());
        return c;
    }
}
