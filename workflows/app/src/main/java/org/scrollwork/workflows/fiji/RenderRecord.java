package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import java.nio.file.Path;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.Progress;

/** Plugins &gt; Scrollwork &gt; Render record...: a corpus record as an image, its stored voxels or a run's prediction. */
public final class RenderRecord extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        Parameters.Values v = new Parameters("Render record").rememberedDirectory("corpus directory", PREF + "corpus")
                .number("record id", 1).choice("source", new String[] {"stored", "model"}, "stored")
                .rememberedDirectory("run directory (for source=model)", PREF + "run").ask();
        int id = v.integer("record");
        try (Corpus corpus = Corpus.open(Path.of(v.required("corpus")))) {
            if (v.required("source").equals("stored")) return RecordImages.stored(corpus, id, progress);
            try (TrainedModel model = TrainedModel.load(Path.of(v.required("run")), corpus)) {
                if (!model.trainedOn(corpus)) IJ.log("Scrollwork: the model in " + v.string("run") + " was trained on another state of the corpus");
                return RecordImages.predicted(model.model(), corpus, id, RecordImages.whole(corpus, id), progress);
            }
        }
    }
}
