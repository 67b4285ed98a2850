package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmDynamicEvaluation;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.PriorModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork lm eval}: bits per letter of a model on the test (and validation) part of a corpus. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Prints a model's bits per letter on the test books (62-66 of the SBLGNT) and the validation books (60-61); each book is scored from its start. Without --model, a " + LmCommand.FALLBACK_ORDER
                        + "-gram model counted on the training books is evaluated.")
public final class LmEvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", description = "model file from 'lm train' (GRU .swlm or n-gram .swng)") Path model;

    @Option(names = "--corpus", defaultValue = "sblgnt", description = "sblgnt (default), an SQLite file or a UTF-8 text file or folder") String corpus;

    @Mixin JsonOutput json;

    @Option(names = "--dynamic", description = "GRU only: also score with dynamic evaluation (each segment of a book is scored, then learned; the model file is not changed)") boolean dynamic;

    @Option(names = "--segment", defaultValue = "" + DYNAMIC_SEGMENT, description = "dynamic evaluation: letters per segment (default ${DEFAULT-VALUE})") int segment;

    @Option(names = "--dynamic-lr", defaultValue = "" + DYNAMIC_LR, description = "dynamic evaluation: SGD step, gradient clipped to norm 1 (default ${DEFAULT-VALUE}, chosen on the validation books)") float dynamicLr;

    /** Dynamic evaluation defaults, chosen on the SBLGNT validation books (docs/language-prior.md). */
    static final int DYNAMIC_SEGMENT = 32;
    static final float DYNAMIC_LR = 0.1f;

    @Override public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        GreekCorpus.Split split = GreekCorpus.open(corpus).split();
        List<String> test = LmCommand.texts(split.test()), val = LmCommand.texts(split.validation());
        CharModel m = LmCommand.model(model, corpus, spec.commandLine().getErr());
        try {
            double testBits = m.bitsPerChar(test);
            double valBits = val.isEmpty() ? Double.NaN : m.bitsPerChar(val);
            double dynTest = Double.NaN, dynVal = Double.NaN;
            if (dynamic) {
                if (!(m instanceof CharLm lm)) throw new CommandLine.ParameterException(spec.commandLine(), "--dynamic needs a GRU model (.swlm): " + m.describe());
                CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, dynamicLr);
                dynTest = d.bitsPerChar(test);
                if (!val.isEmpty()) dynVal = d.bitsPerChar(val);
            }
            if (json.enabled()) {
                ObjectNode j = Json.MAPPER.createObjectNode();
                j.put("model", model == null ? null : model.toString());
                j.put("description", m.describe());
                j.put("corpus", corpus);
                j.put("testLetters", split.testLetters());
                j.put("testBitsPerLetter", testBits);
                j.put("validationLetters", split.validationLetters());
                if (!Double.isNaN(valBits)) j.put("validationBitsPerLetter", valBits);
                if (dynamic) {
                    ObjectNode d = j.putObject("dynamic");
                    d.put("segment", segment);
                    d.put("learningRate", dynamicLr);
                    d.put("testBitsPerLetter", dynTest);
                    if (!Double.isNaN(dynVal)) d.put("validationBitsPerLetter", dynVal);
                }
                json.emit(spec, j);
            } else {
                o.printf("%s%n", m.describe());
                o.printf("test: %.3f bits/letter over %d letters%n", testBits, split.testLetters());
                if (!Double.isNaN(valBits)) o.printf("validation: %.3f bits/letter over %d letters%n", valBits, split.validationLetters());
                if (dynamic) {
                    o.printf("dynamic evaluation (segments of %d letters, lr %s):%n", segment, dynamicLr);
                    o.printf("test: %.3f bits/letter (dynamic)%n", dynTest);
                    if (!Double.isNaN(dynVal)) o.printf("validation: %.3f bits/letter (dynamic)%n", dynVal);
                }
            }
        } finally {
            PriorModels.close(m);
        }
        return 0;
    }
}
