package org.scrollwork.experiments.mechanisms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.scrollwork.io.Volume;
import org.scrollwork.experiments.PhantomRegions;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.GreekCorpusFetcher;

/** The small data sets the mechanism experiments train on, as plain byte arrays. */
final class MechanismData {
    private MechanismData() {}

    /** The central {@code crop × crop × crop/2} voxels of the phantom with this seed (uint8, x fastest). */
    static byte[] phantomCrop(long seed, int crop) {
        return volumeBytes(PhantomRegions.central(seed, null, crop));
    }

    /** A uint8 volume's voxels, x fastest. */
    static byte[] volumeBytes(Volume<?> v) {
        long[] s = v.shape();
        byte[] out = new byte[Math.toIntExact(s[0] * s[1] * s[2])];
        int i = 0;
        for (Object t : Views.flatIterable(v.image())) out[i++] = (byte) Math.max(0, Math.min(255, Math.round(((RealType<?>) t).getRealDouble())));
        return out;
    }

    /**
     * The first {@code letters} letters of the SBLGNT in book order (Matthew first), one byte per letter
     * ({@code 'A'} + the letter's offset from Α), when the corpus is cached; never fetches it.
     */
    static Optional<byte[]> greekInBookOrder(int letters) {
        Path db = GreekCorpusFetcher.withDefaultCache().sblgntPath();
        if (!Files.isRegularFile(db)) return Optional.empty();
        GreekCorpus c = GreekCorpus.fromSqlite(db);
        StringBuilder b = new StringBuilder();
        for (GreekCorpus.Book book : c.books()) {
            if (b.length() >= letters) break;
            b.append(book.letters());
        }
        int n = Math.min(letters, b.length());
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = (byte) ('A' + (b.charAt(i) - 'Α'));
        return Optional.of(out);
    }

    /** Where the Greek corpus would be cached (for messages). */
    static Path greekCache() {
        return GreekCorpusFetcher.withDefaultCache().sblgntPath();
    }
}
