package org.scrollwork.phantom;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/**
 * Generates a {@link Phantom} from a {@link PhantomConfig}: the fine scan and a coarse scan of the
 * same physical extent, each rendered from the same continuous model (not resampled) at every beam
 * energy, their label volumes and the ground truth.
 *
 * <p>Deterministic: the same config gives identical bytes on every machine and for every number of
 * threads. Slices render in parallel on the common fork-join pool. Memory: about
 * {@code (energies + 3) · x · y · z · 9/8} bytes; the default 96 x 96 x 64 phantom takes 2.9 MB.
 */
public final class PhantomGenerator {
    /** Provenance value naming the generator. */
    public static final String GENERATOR = "org.scrollwork.phantom.PhantomGenerator";

    private PhantomGenerator() {}

    public static Phantom generate(PhantomConfig c) {
        SpiralGeometry geometry = new SpiralGeometry(c);
        SheetMaterial material = new SheetMaterial(c, geometry.sheetLengthUm());
        double heightUm = c.sizeZ() * c.fineVoxelUm();
        TextLayout layout = new TextLayout(c.normalizedText(), geometry.sheetLengthUm(), heightUm, c.letterHeightUm(), c.lettersPerLine());
        String scrollId = "PHANTOM-" + c.seed();

        LevelRenderer fine = new LevelRenderer(c, geometry, material, layout, 0, c.fineVoxelUm(), c.sizeX(), c.sizeY(), c.sizeZ()).render();
        LevelRenderer coarse = new LevelRenderer(c, geometry, material, layout, c.coarseLevel(), c.coarseVoxelUm(),
                c.coarseSize(c.sizeX()), c.coarseSize(c.sizeY()), c.coarseSize(c.sizeZ())).render();
        List<LevelRenderer> renderers = List.of(fine, coarse);
        int[] levelNumbers = {0, c.coarseLevel()};
        double[] voxelUm = {c.fineVoxelUm(), c.coarseVoxelUm()};
        long[][] shapes = {{c.sizeX(), c.sizeY(), c.sizeZ()}, {c.coarseSize(c.sizeX()), c.coarseSize(c.sizeY()), c.coarseSize(c.sizeZ())}};

        List<PhantomLevel> levels = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            LevelRenderer r = renderers.get(l);
            String res = PhantomVolume.number(voxelUm[l]) + "um";
            ScanMetadata base = ScanMetadata.builder(DataType.UINT8)
                    .scrollId(scrollId)
                    .voxelSizeUm(VoxelSize.isotropic(voxelUm[l]))
                    .resolutionLevel(levelNumbers[l])
                    .provenance("generator", GENERATOR)
                    .provenance("seed", Long.toString(c.seed()))
                    .provenance("phantom", c.sizeX() + "x" + c.sizeY() + "x" + c.sizeZ() + " fine voxels, " + PhantomVolume.number(c.winds()) + " winds")
                    .build();
            List<Volume<?>> scans = new ArrayList<>(), cleanScans = new ArrayList<>();
            for (int e = 0; e < r.scans.length; e++) {
                double energy = c.beamEnergiesKeV().get(e);
                ScanMetadata m = base.toBuilder().scanId(scrollId + "-" + res + "-" + PhantomVolume.number(energy) + "keV")
                        .beamEnergyKeV(energy).provenance("content", "scan: 8-bit grey levels, air about 40").build();
                scans.add(Volumes.wrap(r.scans[e], shapes[l], m));
                cleanScans.add(Volumes.wrap(r.cleanScans[e], shapes[l], m.withProvenance("content", "noise-free scan: the scan before detector noise")));
            }
            ScanMetadata labels = base.toBuilder().scanId(scrollId + "-" + res).build();
            levels.add(new PhantomLevel(levelNumbers[l], voxelUm[l], scans, cleanScans,
                    Volumes.wrap(r.papyrus, shapes[l], labels.withProvenance("content", "papyrus mask: 1 = papyrus, 0 = air")),
                    Volumes.wrap(r.ink, shapes[l], labels.withProvenance("content", "ink labels: 1 = ink, 0 = no ink")),
                    Volumes.wrap(r.letters, shapes[l], labels.withProvenance("content", "letter labels: " + GroundTruth.LETTER_LABELS))));
        }

        List<LetterTruth> letters = new ArrayList<>();
        for (int i = 0; i < layout.letterCount(); i++) {
            List<VoxelBox> boxes = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                LevelRenderer r = renderers.get(l);
                int k = i * 6;
                boxes.add(r.counts[i] == 0 ? VoxelBox.empty(levelNumbers[l])
                        : new VoxelBox(levelNumbers[l], r.boxes[k], r.boxes[k + 1], r.boxes[k + 2], r.boxes[k + 3], r.boxes[k + 4], r.boxes[k + 5], r.counts[i]));
            }
            letters.add(new LetterTruth(i, String.valueOf(layout.text().charAt(i)), layout.letterNumber(i), layout.column(i), layout.line(i),
                    layout.boxS(i) + layout.letterWidthUm() / 2, layout.boxZ(i) + layout.letterHeightUm() / 2,
                    layout.letterWidthUm(), layout.letterHeightUm(), boxes));
        }
        GroundTruth truth = new GroundTruth(scrollId, c.seed(), c.normalizedText(), layout.text(), geometry.sheetLengthUm(), heightUm,
                layout.letterHeightUm(), layout.letterWidthUm(), layout.strokeWidthUm(), layout.lettersPerLine(), layout.linesPerColumn(),
                List.of(voxelUm[0], voxelUm[1]), GroundTruth.LETTER_LABELS, letters);
        return new Phantom(c, levels, truth);
    }
}
