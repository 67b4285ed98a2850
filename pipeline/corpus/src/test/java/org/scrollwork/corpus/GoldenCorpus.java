package org.scrollwork.corpus;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.Volumes;

/**
 * Writes the tiny example corpus of CORPUS.md (kept as a golden file in src/test/resources/corpus/golden-v1):
 * a 3x2x1 uint16 scan whose voxel (x, y) holds {@code 0x0100 * (y + 1) + x}, the text {@code "ΛΟΓΟΣ"},
 * and a HELD_OUT mask on the text's bytes [2, 4).
 */
final class GoldenCorpus {
    private GoldenCorpus() {}

    static final String TEXT = "ΛΟΓΟΣ";

    static int voxel(int x, int y) { return 0x0100 * (y + 1) + x; }

    public static void main(String[] args) {
        try (Corpus c = Corpus.create(Path.of(args[0]), new CorpusOptions(16))) {
            short[] v = new short[6];
            for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) v[y * 3 + x] = (short) voxel(x, y);
            ScanMetadata m = ScanMetadata.builder(DataType.UINT16).scrollId("S1").voxelSizeUm(VoxelSize.isotropic(8.0)).build();
            c.appendVolume(Volumes.wrap(v, new long[] {3, 2, 1}, m), RecordMeta.of("ct", m), OptionalInt.empty());
            CorpusRecord t = c.appendText(TEXT, RecordMeta.of("text"));
            c.mask(t.id(), 2, 4, Role.HELD_OUT);
        }
    }
}
