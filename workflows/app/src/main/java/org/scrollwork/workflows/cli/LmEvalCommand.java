package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmDynamicEvaluation;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.CharTransformer;
import org.scrollwork.prior.CorpusException;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.PriorModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork lm eval}: bits per letter of a model on the test and validation parts of a corpus, or on all of it. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Prints a model's bits per letter on the test part of a corpus and on its validation part: for the SBLGNT the test books 62-66 and the validation books 60-61; for a text file or folder the last 5 %% and the 5 %% before it, in letter order (the 90/5/5 split 'lm train' uses); for TEI XML the works that the hash of their id puts in test and validation (about 5 %% each). With --all, every letter of the corpus is scored instead. Each book (a text file; with --lines, a line) is scored from its start. Without --model, a " + LmCommand.FALLBACK_ORDER
                        + "-gram model counted on the training part of --corpus is evaluated.")
public final class LmEvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", description = "model file from 'lm train' (GRU .swlm, n-gram .swng, or transformer .swtf: an infill model, scored by bits per masked letter on " + CharTransformer.VALIDATION_WINDOWS + " span-masked windows of each part, a fixed draw)") Path model;

    @Option(names = "--corpus", defaultValue = "sblgnt", description = "sblgnt (default), an SQLite file, a UTF-8 text file or folder, or a TEI XML file or folder (Perseus, First1KGreek)") String corpus;

    @Option(names = "--all", description = "score every letter of the corpus (every book or line), not its test and validation parts: for held-out text that the model was not trained on") boolean all;

    @Option(names = "--lines", description = "text corpora: every line is a document of its own, scored from its start (lines without letters are skipped); without it a file is one document") boolean lines;

    @Mixin JsonOutput json;

    @Option(names = "--dynamic", description = "GRU only: also score with dynamic evaluation (each segment of a document is scored, then learned; every document starts from the trained model; the model file is not changed)") boolean dynamic;

    @Option(names = "--segment", defaultValue = "" + DYNAMIC_SEGMENT, description = "dynamic evaluation: letters per segment (default ${DEFAULT-VALUE})") int segment;

    @Option(names = "--dynamic-lr", defaultValue = "" + DYNAMIC_LR, description = "dynamic evaluation: SGD step, gradient clipped to norm 1 (default ${DEFAULT-VALUE}, chosen on the validation books)") float dynamicLr;

    /** Dynamic evaluation defaults, chosen on the SBLGNT validation books (docs/language-prior.md). */
    static final int DYNAMIC_SEGMENT = 32;
    static final float DYNAMIC_LR = 0.1f;

    /** One scored part of the corpus: its name in the output ("test", "validation", "all") and its documents. */
    private record Part(String name, List<GreekCorpus.Book> books) {
        long letters() { return GreekCorpus.Split.letters(books); }
    }

    /** A part's scores: static, and dynamic (NaN without --dynamic). */
    private record Scores(Part part, double bits, double dynamicBits) {}

    @Override public Integer call() {
        CommandLine cl = spec.commandLine();
        if (lines && corpus.equals("sblgnt")) throw new CommandLine.ParameterException(cl, "--lines reads a text file or folder; the SBLGNT is read by book");
        GreekCorpus c = GreekCorpus.open(corpus, lines);
        List<Part> parts;
        if (all) {
            parts = List.of(new Part("all", c.books()));
        } else {
            GreekCorpus.Split split = c.split();
            parts = List.of(new Part("test", split.test()), new Part("validation", split.validation()));
        }
        if (parts.get(0).letters() == 0) throw new CorpusException(Path.of(corpus), "no letters to score");
        if (model != null && PriorModels.kind(model) == PriorModels.Kind.TRANSFORMER) return evalInfill(c, parts);
        CharModel m = LmCommand.model(model, corpus, cl.getErr());
        try {
            if (dynamic && !(m instanceof CharLm)) throw new CommandLine.ParameterException(cl, "--dynamic needs a GRU model (.swlm): " + m.describe());
            CharLmDynamicEvaluation d = dynamic ? new CharLmDynamicEvaluation((CharLm) m, segment, dynamicLr) : null;
            List<Scores> scores = new ArrayList<>();
            for (Part p : parts) {
                if (p.letters() == 0) continue;
                List<String> texts = LmCommand.texts(p.books());
                scores.add(new Scores(p, m.bitsPerChar(texts), d == null ? Double.NaN : d.bitsPerChar(texts)));
            }
            if (json.enabled()) {
                ObjectNode j = Json.MAPPER.createObjectNode();
                j.put("model", model == null ? null : model.toString());
                j.put("description", m.describe());
                j.put("corpus", corpus);
                j.put("corpusDescription", c.describe());
                j.put("lines", lines);
                ObjectNode dj = dynamic ? Json.MAPPER.createObjectNode().put("segment", segment).put("learningRate", dynamicLr) : null;
                for (Part p : parts) {
                    j.put(p.name() + "Letters", p.letters());
                    j.put(p.name() + "Documents", p.books().size());
                }
                for (Scores sc : scores) {
                    j.put(sc.part().name() + "BitsPerLetter", sc.bits());
                    if (dj != null) dj.put(sc.part().name() + "BitsPerLetter", sc.dynamicBits());
                }
                if (dj != null) j.set("dynamic", dj);
                json.emit(spec, j);
            } else {
                PrintWriter o = cl.getOut();
                o.printf("%s%n", m.describe());
                o.printf("corpus: %s%n", c.describe());
                for (Scores sc : scores) o.printf("%s: %.3f bits/letter over %d letters in %d document%s%n", sc.part().name(), sc.bits(),
                        sc.part().letters(), sc.part().books().size(), sc.part().books().size() == 1 ? "" : "s");
                if (dynamic) {
                    o.printf("dynamic evaluation (segments of %d letters, lr %s):%n", segment, dynamicLr);
                    for (Scores sc : scores) o.printf("%s: %.3f bits/letter (dynamic)%n", sc.part().name(), sc.dynamicBits());
                }
            }
        } finally {
            PriorModels.close(m);
        }
        return 0;
    }

    /**
     * An infill model has no next-letter probabilities: each part is scored by bits per masked letter over a fixed
     * draw of span-masked windows, as in training ({@link CharTransformer#heldOutBits}).
     */
    private int evalInfill(GreekCorpus c, List<Part> parts) {
        CommandLine cl = spec.commandLine();
        if (dynamic) throw new CommandLine.ParameterException(cl, "--dynamic needs a GRU model (.swlm)");
        try (CharTransformer tf = PriorModels.loadInfill(model)) {
            ObjectNode j = Json.MAPPER.createObjectNode();
            j.put("model", model.toString());
            j.put("description", tf.describe());
            j.put("corpus", corpus);
            j.put("corpusDescription", c.describe());
            PrintWriter o = cl.getOut();
            if (!json.enabled()) {
                o.printf("%s%n", tf.describe());
                o.printf("corpus: %s%n", c.describe());
            }
            for (Part p : parts) {
                double bits = tf.heldOutBits(LmCommand.texts(p.books()));
                j.put(p.name() + "BitsPerMaskedLetter", bits);
                if (!json.enabled()) o.printf("%s: %s bits per masked letter (%d span-masked windows of %d letters, a fixed draw)%n", p.name(),
                        Double.isNaN(bits) ? "n/a (no document as long as the window)" : String.format("%.3f", bits), CharTransformer.VALIDATION_WINDOWS, tf.config().window());
            }
            return json.enabled() ? json.emit(spec, j) : 0;
        }
    }
}
