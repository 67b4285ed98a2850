package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmDynamicEvaluation;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.CharTransformer;
import org.scrollwork.prior.InfillRestorer;
import org.scrollwork.prior.LacunaRestorer;
import org.scrollwork.prior.DocumentCache;
import org.scrollwork.prior.LacunaFile;
import org.scrollwork.prior.LacunaText;
import org.scrollwork.prior.PriorModels;
import org.scrollwork.prior.Restorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork lm restore}: the best fillings of the lacunae in a Greek text. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Fills lacunae of known length in a Greek text. Write a lacuna as [...] with one dot per missing letter (spaces between dots allowed) or as [N]. The text outside brackets is normalized to papyrus letters (accents, spaces, punctuation and line breaks dropped). Each lacuna is searched left to right (beam) and the fillings are rescored with the letters after it; lacunae are filled in order, each seeing the best fillings before it. Scores are natural-log probabilities ln P(filling + following letters | preceding letters); with a transformer model (.swtf) each lacuna is filled by iterative masked decoding from both sides and scored by its pseudo-log-likelihood (the sum over its letters of ln P(letter | all other letters)). With --cache-weight the model is mixed with an n-gram counted on the text's own known letters (a document cache); with --dynamic a GRU is first adapted to those letters. Without --model, a " + LmCommand.FALLBACK_ORDER + "-gram model counted on the default corpus's training books is used. With --file NAME.jsonl, many independent texts are restored in one run, one JSON line out per text.")
public final class LmRestoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "the text with lacunae (or use --file)") String text;

    @Option(names = "--file", description = "read the text from this UTF-8 file; a file ending in .jsonl holds many independent texts, one JSON object {\"id\": ..., \"text\": \"...\"} per line (id optional), restored in one run and written as JSON lines on stdout, one per text: its id, the model, every lacuna's fillings with their scores, and the reading") Path file;

    @Option(names = "--model", description = "model file from 'lm train' (GRU .swlm, n-gram .swng, or transformer .swtf: restored by iterative masked decoding, InfillRestorer)") Path model;

    @Option(names = "--corpus", defaultValue = "sblgnt", description = "corpus for the fallback n-gram model, as for 'lm train' (default ${DEFAULT-VALUE})") String corpus;

    @Option(names = "--top", defaultValue = "5", description = "fillings printed per lacuna (default ${DEFAULT-VALUE})") int top;

    @Option(names = "--beam", description = "beam width (default 32; 16 for a transformer)") Integer beam;

    @Option(names = "--right", defaultValue = "20", description = "letters after a lacuna used to rescore (default ${DEFAULT-VALUE})") int right;

    @Option(names = "--cache-weight", defaultValue = "0",
            description = "weight in [0, 1) of a document cache: an n-gram counted on the text's own known letters, mixed into the model, so that names and formulae used elsewhere in the document are restored (chosen on whole books of the validation split: 0.5 for an n-gram model and for a GRU with --dynamic; default ${DEFAULT-VALUE}: off)") double cacheWeight;

    @Option(names = "--cache-order", defaultValue = "" + DocumentCache.DEFAULT_ORDER, description = "order of the document cache's n-gram (default ${DEFAULT-VALUE})") int cacheOrder;

    @Option(names = "--dynamic", description = "GRU only: first adapt the model to the text's own known letters by dynamic evaluation (the model file is not changed)") boolean dynamic;

    @Option(names = "--segment", defaultValue = "" + LmEvalCommand.DYNAMIC_SEGMENT, description = "dynamic evaluation: letters per segment (default ${DEFAULT-VALUE})") int segment;

    @Option(names = "--dynamic-lr", defaultValue = "" + LmEvalCommand.DYNAMIC_LR, description = "dynamic evaluation: SGD step (default ${DEFAULT-VALUE}, chosen on the validation books)") float dynamicLr;

    @Mixin JsonOutput json;

    @Override public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if ((text == null) == (file == null)) throw new CommandLine.ParameterException(cl, "give the text either as an argument or with --file");
        if (top < 1) throw new CommandLine.ParameterException(cl, "--top must be >= 1");
        if (!(cacheWeight >= 0 && cacheWeight < 1)) throw new CommandLine.ParameterException(cl, "--cache-weight must be in [0, 1), was " + cacheWeight);
        if (cacheOrder < 1 || cacheOrder > 12) throw new CommandLine.ParameterException(cl, "--cache-order must be 1..12, was " + cacheOrder);
        boolean batch = file != null && LacunaFile.isJsonLines(file);
        List<LacunaFile.Entry> entries;
        if (batch) {
            entries = LacunaFile.read(file);   // every line checked before the model is loaded
        } else {
            String source = text != null ? text : org.scrollwork.io.Utf8Text.read(file);
            try {
                entries = List.of(new LacunaFile.Entry(1, null, LacunaText.parse(source)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, (file != null ? file + ": " : "") + e.getMessage());
            }
        }
        if (model != null && PriorModels.kind(model) == PriorModels.Kind.TRANSFORMER) {
            if (dynamic || cacheWeight > 0) throw new CommandLine.ParameterException(cl, "--dynamic and --cache-weight need a causal model (GRU or n-gram)");
            try (CharTransformer tf = PriorModels.loadInfill(model)) {
                output(entries, batch, tf.describe(), new InfillRestorer(tf, beam != null ? beam : 16));
            }
            return 0;
        }
        CharModel m = LmCommand.model(model, corpus, cl.getErr());
        try {
            if (dynamic && !(m instanceof CharLm)) throw new CommandLine.ParameterException(cl, "--dynamic needs a GRU model (.swlm): " + m.describe());
            String description = m.describe() + (dynamic ? String.format(", adapted to the text (segments of %d, lr %s)", segment, dynamicLr) : "")
                    + (cacheWeight > 0 ? String.format(", with a document cache (%d-gram, weight %.2f)", cacheOrder, cacheWeight) : "");
            output(entries, batch, description, lt -> restore(m, lt));
        } finally {
            PriorModels.close(m);
        }
        return 0;
    }

    private void output(List<LacunaFile.Entry> entries, boolean batch, String description, LacunaRestorer restorer) throws IOException {
        output(entries, batch, description, lt -> lt.restore(restorer, top));
    }

    /** Restores every text and prints it (a JSON line per text in batch mode). */
    private void output(List<LacunaFile.Entry> entries, boolean batch, String description,
                        Function<LacunaText, List<LacunaText.Restored>> restoreText) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        for (LacunaFile.Entry e : entries) {
            List<LacunaText.Restored> restored = restoreText.apply(e.text());
            if (batch) {
                ObjectNode j = Json.MAPPER.createObjectNode();
                if (e.id() != null) j.set("id", e.id());
                j.setAll(json(e.text(), restored, description));
                o.println(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
                o.flush();
            } else if (json.enabled()) {
                json.emit(spec, json(e.text(), restored, description));
            } else {
                print(o, e.text(), restored, description);
            }
        }
    }

    /** The lacunae of one text restored, each text on its own: its document cache and adaptation see only its letters. */
    private List<LacunaText.Restored> restore(CharModel m, LacunaText lt) {
        Function<CharModel, List<LacunaText.Restored>> restore = base -> {
            CharModel used = DocumentCache.around(base, lt.known(), cacheOrder, cacheWeight);
            return lt.restore(new Restorer(used, Math.max(beam != null ? beam : 32, top), right), top);
        };
        return dynamic
                ? new CharLmDynamicEvaluation((CharLm) m, segment, dynamicLr).withAdaptation(lt.known(), restore::apply)
                : restore.apply(m);
    }

    /** The JSON of one restored text: model, lacunae with their fillings, reading. */
    private static ObjectNode json(LacunaText lt, List<LacunaText.Restored> restored, String description) {
        ObjectNode j = Json.MAPPER.createObjectNode();
        j.put("model", description);
        ArrayNode arr = j.putArray("lacunae");
        for (LacunaText.Restored r : restored) {
            ObjectNode lo = arr.addObject();
            lo.put("index", r.index() + 1);
            lo.put("length", r.length());
            ArrayNode c = lo.putArray("fillings");
            for (Restorer.Candidate cand : r.candidates()) c.addObject().put("filling", cand.filling()).put("logProb", cand.logProb());
        }
        j.put("reading", LacunaText.reading(restored, lt));
        return j;
    }

    private static void print(PrintWriter o, LacunaText lt, List<LacunaText.Restored> restored, String description) {
        o.println("model: " + description);
        for (LacunaText.Restored r : restored) {
            String l = r.left(), rt = r.right();
            o.printf("lacuna %d of %d, %d letter%s: %s[%s]%s%n", r.index() + 1, restored.size(), r.length(), r.length() == 1 ? "" : "s",
                    l.length() > 20 ? "…" + l.substring(l.length() - 20) : l, ".".repeat(r.length()),
                    rt.length() > 20 ? rt.substring(0, 20) + "…" : rt);
            int rank = 1;
            for (Restorer.Candidate c : r.candidates()) o.printf("  %2d. %-" + Math.max(r.length(), 6) + "s  ln P = %.3f%n", rank++, c.filling(), c.logProb());
        }
        o.println("reading: " + LacunaText.reading(restored, lt));
    }
}
