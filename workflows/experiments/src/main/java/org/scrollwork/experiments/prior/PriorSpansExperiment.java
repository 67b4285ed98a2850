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
 * Span restoration per lacuna length (whole-span top-1, CER, search errors) with each beam width, on the fixed span
 * lacunae of the test books.
 *
 * <pre>bin/scrollwork experiment prior-spans --set model=8 --set beams=32</pre>
 */
public final class PriorSpansExperiment implements Experiment {

    @Override public String name() { return "prior-spans"; }

    @Override public String summary() {
        return "language prior: span restoration per lacuna length (top-1, CER, search errors) for each beam width";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorSpansConfig config = PriorSpansConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        CharModel m = config.model().load(texts);
        List<RestorationEval.Lacuna> spans = new RestorationSamples(RestorationSamples.SINGLES, config.spans()).spanLacunae(texts);
        List<ResultTable> tables = new ArrayList<>();
        StringBuilder headline = new StringBuilder();
        for (int beam : config.beams()) {
            progress.log(m.describe() + ", beam " + beam);
            Restorer rest = new Restorer(m, beam, RestorationSamples.RIGHT);
            List<Object[]> rows = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int len = 1; len <= 10; len++) {
                final int l = len;
                List<RestorationEval.Lacuna> sub = spans.stream().filter(x -> x.truth().length() == l).toList();
                if (sub.isEmpty()) continue;
                RestorationEval.Spans sp = RestorationEval.spans(rest, sub);
                rows.add(new Object[] {String.valueOf(len), sub.size(), 100 * sp.top1(), 100 * sp.cer(), 100 * sp.searchErrors()});
            }
            RestorationEval.Spans all = RestorationEval.spans(rest, spans);
            rows.add(new Object[] {"all", all.count(), 100 * all.top1(), 100 * all.cer(), 100 * all.searchErrors()});
            double secs = (System.nanoTime() - t0) / 1e9;
            ResultTable table = new ResultTable(String.format(Locale.ROOT, "%s, beam %d (%.0f s)", m.describe(), beam, secs),
                    List.of("length", "spans", "top-1 %", "CER %", "search errors %"), List.of(0, 0, 1, 1, 1));
            for (Object[] r : rows) table.row(r);
            tables.add(table);
            headline.append(String.format(Locale.ROOT, "Beam %d: whole-span top-1 %.1f %%, CER %.1f %%. ", beam, 100 * all.top1(), 100 * all.cer()));
        }
        return new ExperimentResult(m.describe() + ". " + headline.toString().trim(), tables, Map.of(), Map.of());
    }
}
