package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.Progress;

/** Plugins &gt; Scrollwork &gt; Add image to corpus...: appends the current image to a corpus (created when absent) as a volume record. */
public final class AddToCorpus extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters.Values v = new Parameters("Add image to corpus").rememberedDirectory("corpus directory", PREF + "corpus")
                .string("modality (ct, inklabels, ...)", "ct").ask();
        Path dir = Path.of(v.required("corpus"));
        try (Corpus corpus = CorpusImages.openOrCreate(dir)) {
            CorpusRecord r = CorpusImages.append(corpus, imp, v.required("modality"), progress);
            Prefs.set(PREF + "corpus", dir.toString());
            IJ.log(String.format("Scrollwork: '%s' is record %d of %s (%s, %s, voxel size %s)", imp.getTitle(), r.id(), dir, r.shape(),
                    r.dataType().numpyName(), r.meta().voxelSizeUm().map(s -> s.xUm() + "×" + s.yUm() + "×" + s.zUm() + " µm").orElse("absent")));
        }
        return null;
    }
}
