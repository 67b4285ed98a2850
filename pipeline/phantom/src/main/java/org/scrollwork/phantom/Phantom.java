package org.scrollwork.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated phantom scroll: its config, one {@link PhantomLevel} per resolution (fine first) and
 * the {@link GroundTruth}. Everything is in memory; {@link PhantomWriter} writes it to files.
 */
public record Phantom(PhantomConfig config, List<PhantomLevel> levels, GroundTruth groundTruth) {
    public Phantom {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) throw new IllegalArgumentException("a phantom has at least one level");
    }

    public PhantomLevel fine() { return levels.get(0); }

    public PhantomLevel coarse() { return levels.get(levels.size() - 1); }

    /**
     * Every volume with its file base name: per level, the scans ({@code scan-<voxel>-<energy>}), their noise-free
     * versions ({@code clean-<voxel>-<energy>}), then
     * {@code papyrus-<voxel>}, {@code inklabels-<voxel>}, {@code letters-<voxel>}.
     */
    public List<PhantomVolume> volumes() {
        List<PhantomVolume> out = new ArrayList<>();
        for (PhantomLevel l : levels) {
            for (int e = 0; e < l.scans().size(); e++) {
                out.add(new PhantomVolume("scan-" + l.voxelLabel() + "-" + PhantomVolume.number(config.beamEnergiesKeV().get(e)) + "keV", l.scans().get(e)));
            }
            for (int e = 0; e < l.cleanScans().size(); e++) {
                out.add(new PhantomVolume("clean-" + l.voxelLabel() + "-" + PhantomVolume.number(config.beamEnergiesKeV().get(e)) + "keV", l.cleanScans().get(e)));
            }
            out.add(new PhantomVolume("papyrus-" + l.voxelLabel(), l.papyrus()));
            out.add(new PhantomVolume("inklabels-" + l.voxelLabel(), l.ink()));
            out.add(new PhantomVolume("letters-" + l.voxelLabel(), l.letters()));
        }
        return out;
    }
}
