package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scrollwork.aunn.sample.Generator;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scrollwork sample}: conditional generation the AUNN way. The prompt is placed after the end of
 * the list, learned for a few steps, and then bytes are predicted, sampled and learned one index at a
 * time (dynamic evaluation). The base snapshot is only read; {@code --save} keeps the conditioned state.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        header = "Continues a prompt after the end of the list with a trained AUNN.",
        description = {"Continues a prompt with a trained AUNN: the prompt's bytes go at the first index after the corpus's last",
                "record rounded up to a multiple of 4096, are learned for --prompt-steps steps, then each next byte is",
                "predicted, sampled (--temperature, --top-k; 0 = the most likely byte) and learned for --steps-per-sample",
                "steps. The snapshot is not changed; --save writes the conditioned model (reusable like a saved RNN state)."})
public final class SampleCommand implements Callable<Integer> {
    /** Prompts start at a multiple of this, so periodic prompts line up with the low index bits. */
    static final long ALIGN = 4096;

    @Spec CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "corpus the model was trained on") Path corpusDir;

    @Option(names = "--model", required = true, description = "snapshot file or run directory (uses its model.aunn)") Path model;

    @Option(names = "--prompt", required = true, description = "prompt text (UTF-8)") String prompt;

    @Option(names = "--count", defaultValue = "64", description = "bytes to generate (default ${DEFAULT-VALUE})") int count;

    @Option(names = "--prompt-steps", defaultValue = "150", description = "gradient steps on the prompt (default ${DEFAULT-VALUE})") int promptSteps;

    @Option(names = "--steps-per-sample", defaultValue = "2", description = "gradient steps after each sampled byte (default ${DEFAULT-VALUE})") int stepsPerSample;

    @Option(names = "--lr", defaultValue = "3e-3", description = "learning rate of the conditioning steps (default ${DEFAULT-VALUE})") double lr;

    @Option(names = "--temperature", defaultValue = "0", description = "sampling temperature, 0 = most likely byte (default ${DEFAULT-VALUE})") double temperature;

    @Option(names = "--top-k", defaultValue = "256", description = "sample among the k most likely bytes (default ${DEFAULT-VALUE})") int topK;

    @Option(names = "--replay", defaultValue = "8", description = "earlier pairs relearned with each sampled byte (default ${DEFAULT-VALUE})") int replay;

    @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--save", description = "write the conditioned model to this snapshot file") Path save;

    @Mixin JsonOutput json;

    @Override public Integer call() throws Exception {
        try (Corpus corpus = Corpus.open(corpusDir); TrainedModel trained = TrainedModel.load(model, corpus)) {
            byte[] p = prompt.getBytes(StandardCharsets.UTF_8);
            List<CorpusRecord> records = corpus.records();
            long end = records.isEmpty() ? 0 : records.get(records.size() - 1).end();
            long start = (end + ALIGN - 1) / ALIGN * ALIGN;
            int[] out = Generator.generate(trained.trainer(), p, start, count,
                    new Generator.Options(promptSteps, stepsPerSample, lr, temperature, topK, replay, seed));
            byte[] bytes = new byte[out.length];
            for (int i = 0; i < out.length; i++) bytes[i] = (byte) out[i];
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (save != null) Snapshot.save(save, trained.trainer(), corpus.fingerprint());
            if (json.enabled()) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("promptStart", start);
                j.put("generatedStart", start + p.length);
                j.put("bytes", out);
                j.put("text", text);
                if (save != null) j.put("saved", save.toString());
                json.emit(spec, j);
            } else {
                spec.commandLine().getOut().println(prompt + text);
                spec.commandLine().getErr().printf("prompt at index %d, %d bytes generated%s%n", start, out.length,
                        save != null ? "; conditioned model saved to " + save : "");
            }
        }
        return 0;
    }
}
