package org.scrollwork.pipeline.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;

class LmCriticTest {
    static {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    static final String PERIOD = "ΛΟΓΟΣΘΕΟΥ";
    static CharLm lm;

    @TempDir Path dir;

    static String periodic(int n) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) sb.append(PERIOD);
        return sb.substring(0, n);
    }

    @BeforeAll
    static void trainLm() {
        // a GRU that has learned a 9-letter cycle: given a few letters it knows the next one
        lm = CharLm.train(List.of(periodic(2000)), CharLmConfig.of(32, 1, 0f), new CharLmTraining(150, 8, 32, 0.02f, 1), s -> { });
    }

    @AfterAll
    static void close() { lm.close(); }

    private static double score(LmCritic critic, AunnModel model, List<LmCritic.Window> w) {
        try (NDManager m = NDManager.newBaseManager(model.device())) {
            LmCritic.Score s = critic.score(m, model, w);
            return s.logLikelihood().getFloat() / s.scoredLetters();
        }
    }

    @Test
    void criticGradientRaisesTheLmLikelihoodOfTheAunnsLettersAndRecoversTheCycle() {
        String text = periodic(180);
        int[][] spans = {{40, 41}, {70, 74}, {120, 123}, {150, 151}};
        int id = PapyrusCorpora.create(dir.resolve("c"), text, spans);
        AunnConfig cfg = AunnConfig.defaults().withIndexBits(20).withShape(64, 2).withBatchSize(64).withOptim(3e-3, 0, 1000, 0.0);
        try (Corpus c = Corpus.open(dir.resolve("c")); AunnModel model = new AunnModel(cfg); AunnTrainer trainer = new AunnTrainer(model)) {
            PapyrusRecord r = PapyrusRecord.read(c, id);
            LmCritic critic = new LmCritic(lm);
            List<LmCritic.Window> fixed = LmCritic.sample(List.of(r), 16, new Random(9));
            double before = score(critic, model, fixed);
            DistillOptions o = new DistillOptions(0, 0, 3.0, 60, 1, 16, 3e-3, 5);
            try (Distiller d = new Distiller(trainer, c, List.of(r), null, critic, o)) {
                for (int s = 0; s < o.steps(); s++) d.criticStep();
            }
            double after = score(critic, model, fixed);
            double[][] q = Distiller.letterDistributions(model, r);
            int right = 0, hidden = 0;
            for (int[] s : spans) for (int i = s[0]; i < s[1]; i++, hidden++) if (Distiller.argmax(q[i]) == text.charAt(i)) right++;
            System.out.printf("LM log-likelihood per scored letter: %.3f -> %.3f nats; %d of %d hidden letters are the cycle's%n", before, after, right, hidden);
            assertTrue(after > before + 0.5, before + " -> " + after);
            // the independent reference: the hidden letters of a periodic text are the cycle's letters
            assertEquals(hidden, right);
        }
    }
}
