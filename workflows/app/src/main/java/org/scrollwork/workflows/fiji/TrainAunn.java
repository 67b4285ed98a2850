package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.Progress;

/** Plugins &gt; Scrollwork &gt; Train AUNN...: {@code scrollwork train} on a corpus; rerunning resumes. */
public final class TrainAunn extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        Parameters p = new Parameters("Train AUNN").rememberedDirectory("corpus directory", PREF + "corpus")
                .rememberedDirectory("run directory", PREF + "run");
        Parameters.Values v = TrainingFields.addTo(p, org.scrollwork.workflows.app.TrainingSettings.QUICK).ask();
        Path corpusDir = Path.of(v.required("corpus")), runDir = Path.of(v.required("run"));
        try (Corpus corpus = Corpus.open(corpusDir)) {
            TrainingRun.Metrics m = Training.train(corpus, runDir, TrainingFields.from(v), progress);
            Prefs.set(PREF + "run", runDir.toString());
            log("trained", runDir, m);
        }
        return null;
    }
}
