package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingSettings;
import org.scrollwork.pipeline.Progress;

/** Plugins &gt; Scrollwork &gt; Finetune on image...: a new run from a trained run's weights, trained on the current image. */
public final class FinetuneOnImage extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters p = new Parameters("Finetune on image")
                .message("Starts a new run from a trained run's weights and trains it on the current image.")
                .rememberedDirectory("base run directory", PREF + "run")
                .directory("run directory (new)", defaultWorkDir(imp, "finetune"));
        Parameters.Values v = TrainingFields.addTo(p, TrainingSettings.QUICK).ask();
        Path base = Path.of(v.required("base")), runDir = Path.of(v.required("run"));
        Path corpusDir = runDir.resolve("corpus");
        try (Corpus corpus = CorpusImages.openOrCreate(corpusDir)) {
            if (corpus.records().isEmpty()) CorpusImages.append(corpus, imp, "ct", progress);
            TrainingRun.Metrics m = Training.finetune(corpus, base, runDir, TrainingFields.from(v), progress);
            Prefs.set(PREF + "run", runDir.toString());
            log("finetuned " + base + " on '" + imp.getTitle() + "' ->", runDir, m);
        }
        return null;
    }
}
