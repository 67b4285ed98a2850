package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.Progress;

/** Puts ImageJ images into a corpus, as {@code scrollwork ingest} puts files. */
public final class CorpusImages {
    private CorpusImages() {}

    /** Opens a corpus, creating it (default index space) when the directory holds none. */
    public static Corpus openOrCreate(Path dir) {
        return Files.exists(dir.resolve("manifest.json")) ? Corpus.open(dir) : Corpus.create(dir, CorpusOptions.defaults());
    }

    /**
     * Appends an image as a volume record: its calibration is the voxel size, its
     * {@code scrollwork.*} properties the ids and energy, its source file (when it was opened from
     * one) the source path.
     */
    public static CorpusRecord append(Corpus corpus, ImagePlus imp, String modality, Progress progress) {
        progress.log("Adding '" + imp.getTitle() + "' to corpus " + corpus.directory());
        Volume<?> v = ImagePlusVolumes.toVolume(imp);
        RecordMeta meta = RecordMeta.of(modality, v.meta());
        String source = imp.getProp("scrollwork.source");
        if (source == null && imp.getOriginalFileInfo() != null && imp.getOriginalFileInfo().getFilePath() != null) {
            source = imp.getOriginalFileInfo().getFilePath();
        }
        if (source != null) meta = meta.withSource(source, null);
        CorpusRecord r = corpus.appendVolume(v, meta, OptionalInt.empty());
        progress.log("Added '" + imp.getTitle() + "' as record " + r.id() + " of " + corpus.directory());
        return r;
    }
}
