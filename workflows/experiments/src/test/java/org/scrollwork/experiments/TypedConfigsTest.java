package org.scrollwork.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scrollwork.experiments.distill.DistillConfig;
import org.scrollwork.experiments.distill.DistillExperiment;
import org.scrollwork.experiments.prior.PriorCacheConfig;
import org.scrollwork.experiments.prior.PriorCacheExperiment;
import org.scrollwork.experiments.prior.PriorContextConfig;
import org.scrollwork.experiments.prior.PriorContextExperiment;
import org.scrollwork.experiments.prior.PriorDocumentConfig;
import org.scrollwork.experiments.prior.PriorDocumentExperiment;
import org.scrollwork.experiments.prior.PriorDynamicConfig;
import org.scrollwork.experiments.prior.PriorDynamicExperiment;
import org.scrollwork.experiments.prior.PriorEnsembleConfig;
import org.scrollwork.experiments.prior.PriorEnsembleExperiment;
import org.scrollwork.experiments.prior.PriorEvalConfig;
import org.scrollwork.experiments.prior.PriorEvalExperiment;
import org.scrollwork.experiments.prior.PriorExamplesConfig;
import org.scrollwork.experiments.prior.PriorExamplesExperiment;
import org.scrollwork.experiments.prior.PriorNgramCacheConfig;
import org.scrollwork.experiments.prior.PriorNgramCacheExperiment;
import org.scrollwork.experiments.prior.PriorNgramConfig;
import org.scrollwork.experiments.prior.PriorNgramExperiment;
import org.scrollwork.experiments.prior.PriorSpansConfig;
import org.scrollwork.experiments.prior.PriorSpansExperiment;
import org.scrollwork.experiments.prior.PriorTrainConfig;
import org.scrollwork.experiments.prior.PriorTrainExperiment;
import org.scrollwork.experiments.reconstruction.FinetuneConfig;
import org.scrollwork.experiments.reconstruction.FinetuneExperiment;
import org.scrollwork.experiments.reconstruction.FusionConfig;
import org.scrollwork.experiments.reconstruction.FusionExperiment;
import org.scrollwork.experiments.reconstruction.InkPredictionConfig;
import org.scrollwork.experiments.reconstruction.InkPredictionExperiment;
import org.scrollwork.experiments.reconstruction.LetterReadingConfig;
import org.scrollwork.experiments.reconstruction.LetterReadingExperiment;
import org.scrollwork.experiments.reconstruction.MultiResolutionConfig;
import org.scrollwork.experiments.reconstruction.MultiResolutionExperiment;

/**
 * The experiments that replaced the research mains (issue 14), each through its typed config: found by
 * {@link java.util.ServiceLoader} under its name; the bundled YAML's values are the record's defaults and name every
 * setting it reads; a bad value is refused with a message naming the key and where it came from; an unknown key is
 * left unread, so the command line reports it.
 */
class TypedConfigsTest {

    /** An experiment, its typed config, one setting with a value its record refuses, and settings whose default is derived from others (not in the YAML). */
    record Case(String name, Class<? extends Experiment> type, Function<ExperimentConfig, Record> from, String badKey, String badValue, Set<String> derived) {
        @Override public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("multires-octant", MultiResolutionExperiment.class, MultiResolutionConfig::from, "layouts", "native,sideways", Set.of()),
                new Case("ink-half", InkPredictionExperiment.class, InkPredictionConfig::from, "crop", "64,64", Set.of()),
                new Case("letter-reading", LetterReadingExperiment.class, LetterReadingConfig::from, "batch", "0", Set.of()),
                new Case("energy-fusion", FusionExperiment.class, FusionConfig::from, "steps", "-1", Set.of()),
                new Case("finetune-vs-scratch", FinetuneExperiment.class, FinetuneConfig::from, "embedding", "gray", Set.of("evalEvery")),
                new Case("distill", DistillExperiment.class, DistillConfig::from, "lmSteps", "0", Set.of()),
                new Case("prior-ngram", PriorNgramExperiment.class, PriorNgramConfig::from, "spans", "201", Set.of()),
                new Case("prior-train", PriorTrainExperiment.class, PriorTrainConfig::from, "dropout", "1.5", Set.of()),
                new Case("prior-eval", PriorEvalExperiment.class, PriorEvalConfig::from, "beam", "0", Set.of()),
                new Case("prior-dynamic", PriorDynamicExperiment.class, PriorDynamicConfig::from, "lrs", "[]", Set.of()),
                new Case("prior-ensemble", PriorEnsembleExperiment.class, PriorEnsembleConfig::from, "lr", "0", Set.of()),
                new Case("prior-context", PriorContextExperiment.class, PriorContextConfig::from, "window", "0", Set.of()),
                new Case("prior-spans", PriorSpansExperiment.class, PriorSpansConfig::from, "model", "charlm.swlm+x", Set.of()),
                new Case("prior-examples", PriorExamplesExperiment.class, PriorExamplesConfig::from, "count", "500", Set.of()),
                new Case("prior-cache", PriorCacheExperiment.class, PriorCacheConfig::from, "weights", "0.5,2", Set.of()),
                new Case("prior-document", PriorDocumentExperiment.class, PriorDocumentConfig::from, "model", "8", Set.of()),
                new Case("prior-ngram-cache", PriorNgramCacheExperiment.class, PriorNgramCacheConfig::from, "block", "0", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isFoundByNameAsTheCommandLineFindsIt(Case c) {
        assertInstanceOf(c.type(), Experiments.named(c.name()));
        assertTrue(Experiments.all().stream().anyMatch(e -> e.name().equals(c.name())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bundledYamlHoldsTheRecordsDefaultsAndEverySettingItReads(Case c) throws IOException {
        ExperimentConfig defaults = ExperimentConfig.empty(), yaml = ExperimentCommand.bundled(c.name());
        assertEquals(c.from().apply(defaults), c.from().apply(yaml));
        assertEquals(Set.of(), yaml.unused(), "keys in " + c.name() + ".yaml that the experiment does not read");
        Set<String> read = new HashSet<>(defaults.resolved().keySet());
        read.removeAll(c.derived());
        assertEquals(read, yamlKeys(c.name()), "settings read but not in " + c.name() + ".yaml (other than derived ones)");
    }

    private static Set<String> yamlKeys(String name) throws IOException {
        try (InputStream in = TypedConfigsTest.class.getClassLoader().getResourceAsStream("experiments/" + name + ".yaml")) {
            Set<String> keys = new HashSet<>();
            new YAMLMapper().readTree(in).fieldNames().forEachRemaining(keys::add);
            return keys;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadValueIsRefusedNamingTheKeyAndTheOption(Case c) {
        ExperimentConfig bad = ExperimentCommand.bundled(c.name()).with(c.badKey(), c.badValue());
        ExperimentConfigException e = assertThrows(ExperimentConfigException.class, () -> c.from().apply(bad));
        assertTrue(e.getMessage().startsWith("--set " + c.badKey() + "=" + c.badValue() + ": '" + c.badKey() + "' must be"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anUnknownKeyIsLeftUnreadForTheCommandLineToReport(Case c) {
        ExperimentConfig misspelt = ExperimentCommand.bundled(c.name()).with("stepz", "3");
        c.from().apply(misspelt);
        assertEquals(Set.of("stepz"), misspelt.unused());
    }
}
