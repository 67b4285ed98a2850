package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;

/**
 * The first span lacunae of the fixed test sample with the three best fillings and the truth's score; with
 * {@code detail}, a second table of the best filling's and the truth's per-letter costs (−ln P).
 *
 * <pre>bin/scrollwork experiment prior-examples --set model=8 --set beam=32 --set count=40 [--set detail=true]</pre>
 */
public final class PriorExamplesExperiment implements Experiment {

    @Override public String name() { return "prior-examples"; }

    @Override public String summary() {
        return "language prior: span lacunae of the test books with the best fillings and the truth's score";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorExamplesConfig config = PriorExamplesConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        CharModel m = config.model().load(texts);
        Restorer rest = new Restorer(m, config.beam(), RestorationSamples.RIGHT);
        List<RestorationEval.Lacuna> spans = new RestorationSamples(RestorationSamples.SINGLES, RestorationSamples.SPANS).spanLacunae(texts);
        ResultTable table = new ResultTable(String.format(Locale.ROOT, "%s, beam %d: the first %d span lacunae", m.describe(), config.beam(), config.count()),
                List.of("lacuna", "best", "best ln P", "truth ln P", "2nd", "3rd"), List.of(0, 0, 2, 2, 0, 0));
        ResultTable costs = new ResultTable("Per-letter costs (-ln P) of the best filling and of the truth, with the right context",
                List.of("lacuna", "filling", "letter costs"));
        int truthBest = 0;
        for (RestorationEval.Lacuna l : spans.subList(0, config.count())) {
            List<Restorer.Candidate> c = rest.restore(l.left(), l.truth().length(), l.right(), 3);
            String lacuna = l.left().substring(20) + "[" + l.truth() + "]" + l.right().substring(0, 20);
            table.row(lacuna, c.get(0).filling(), c.get(0).logProb(), rest.score(l.left(), l.truth(), l.right()),
                    c.size() > 1 ? c.get(1).filling() : "", c.size() > 2 ? c.get(2).filling() : "");
            if (c.get(0).filling().equals(l.truth())) truthBest++;
            if (config.detail()) {
                for (String f : List.of(c.get(0).filling(), l.truth())) {
                    String all = f + l.right().substring(0, RestorationSamples.RIGHT);
                    double[] lp = m.suffixLetterLogProbs(l.left(), List.of(all))[0];
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < all.length(); i++) sb.append(String.format(Locale.ROOT, "%c%.1f ", all.charAt(i), -lp[i]));
                    costs.row(lacuna, f, sb.toString().trim());
                }
            }
        }
        List<ResultTable> tables = new ArrayList<>(List.of(table));
        if (config.detail()) tables.add(costs);
        String headline = String.format(Locale.ROOT, "%s, beam %d: the best filling is the truth in %d of the first %d span lacunae.", m.describe(), config.beam(),
                truthBest, config.count());
        return new ExperimentResult(headline, tables, Map.of(), Map.of());
    }
}
