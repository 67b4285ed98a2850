package org.scrollwork.prior;

import java.nio.file.Path;
import java.util.List;

/**
 * A hand-run harness (not a test): {@code time DIM LAYERS HEADS BATCH STEPS} measures training steps on the SBLGNT
 * training books; {@code train OUT STEPS DIM LAYERS HEADS BATCH LR} trains as {@code lm train --kind transformer} does
 * with those settings (checkpoint OUT.ckpt every 100 steps, resumable).
 */
public final class CharTransformerRun {
    public static void main(String[] a) {
        if (a[0].equals("toy")) {
            List<String> toy = List.of("ΑΒΓΔ".repeat(60), "ΑΒΓΔ".repeat(40).substring(1));
            for (int i = 1; i + 1 < a.length; i += 2) {
                float lr = Float.parseFloat(a[i]);
                int steps = Integer.parseInt(a[i + 1]);
                long t0 = System.nanoTime();
                try (CharTransformer tf = CharTransformer.train(toy, List.of(), CharTransformerConfig.of(16, 32, 2, 2, 0f),
                        new CharTransformerTraining(steps, 16, lr, 20, 0f, 3), s -> { }, p -> { if (p.step() % 100 == 0) System.out.printf("  %d %.3f%n", p.step(), p.trainBits()); }, null)) {
                    double[][] lp = tf.gapLogProbs("ΑΒΓΔΑΒ", 3, "ΒΓΔΑ");
                    System.out.printf("lr %s steps %d: P(Γ,Δ,Α) = %.3f %.3f %.3f, %s; %.1f s%n", lr, steps, Math.exp(lp[0][2]), Math.exp(lp[1][3]), Math.exp(lp[2][0]),
                            new InfillRestorer(tf, 4).best("ΔΑΒΓΔΑ", 5, "ΓΔΑΒ"), (System.nanoTime() - t0) / 1e9);
                }
            }
            return;
        }
        GreekCorpus.Split split = GreekCorpus.open("sblgnt").split();
        List<String> train = split.train().stream().map(GreekCorpus.Book::letters).toList();
        List<String> val = split.validation().stream().map(GreekCorpus.Book::letters).toList();
        if (a[0].equals("time")) {
            int window = a.length > 6 ? Integer.parseInt(a[6]) : 128;
            float lr = a.length > 7 ? Float.parseFloat(a[7]) : 1e-3f;
            CharTransformerConfig c = CharTransformerConfig.of(window, Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), 0.1f);
            CharTransformerTraining t = new CharTransformerTraining(Integer.parseInt(a[5]), Integer.parseInt(a[4]), lr, 10, 0.01f, 1);
            long t0 = System.nanoTime();
            try (CharTransformer tf = CharTransformer.train(train, List.of(), c, t, System.out::println, p -> {
                if (p.step() % 25 == 0) System.out.printf("step %d %.3f bits %.2f s%n", p.step(), p.trainBits(), p.seconds());
            }, null)) {
                System.out.printf("%s: %.3f s/step%n", tf.describe(), (System.nanoTime() - t0) / 1e9 / t.steps());
            }
            return;
        }
        Path out = Path.of(a[1]);
        CharTransformerConfig c = CharTransformerConfig.of(128, Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]), 0.1f);
        int steps = Integer.parseInt(a[2]);
        CharTransformerTraining t = new CharTransformerTraining(steps, Integer.parseInt(a[6]), Float.parseFloat(a[7]), Math.min(200, steps / 10), 0.01f, 1);
        try (CharTransformer tf = CharTransformer.train(train, val, c, t, s -> { System.out.println(s); System.out.flush(); },
                p -> { if (Boolean.getBoolean("every")) System.out.printf("%d %.4f%n", p.step(), p.trainBits()); },
                new CharLmCheckpointing(CharLmCheckpointing.besides(out), 100))) {
            tf.save(out);
            System.out.println("saved " + tf.describe() + " to " + out);
        }
    }
}
