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
        GreekCorpus.Split split = GreekCorpus.open("sblgnt").split();
        List<String> train = split.train().stream().map(GreekCorpus.Book::letters).toList();
        List<String> val = split.validation().stream().map(GreekCorpus.Book::letters).toList();
        if (a[0].equals("time")) {
            CharTransformerConfig c = CharTransformerConfig.of(128, Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), 0.1f);
            CharTransformerTraining t = new CharTransformerTraining(Integer.parseInt(a[5]), Integer.parseInt(a[4]), 1e-3f, 10, 0.01f, 1);
            long t0 = System.nanoTime();
            try (CharTransformer tf = CharTransformer.train(train, List.of(), c, t, System.out::println, p -> {
                if (p.step() % 5 == 0) System.out.printf("step %d %.3f bits %.2f s%n", p.step(), p.trainBits(), p.seconds());
            }, null)) {
                System.out.printf("%s: %.3f s/step%n", tf.describe(), (System.nanoTime() - t0) / 1e9 / t.steps());
            }
            return;
        }
        Path out = Path.of(a[1]);
        CharTransformerConfig c = CharTransformerConfig.of(128, Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]), 0.1f);
        int steps = Integer.parseInt(a[2]);
        CharTransformerTraining t = new CharTransformerTraining(steps, Integer.parseInt(a[6]), Float.parseFloat(a[7]), Math.min(200, steps / 10), 0.01f, 1);
        try (CharTransformer tf = CharTransformer.train(train, val, c, t, s -> { System.out.println(s); System.out.flush(); }, p -> { },
                new CharLmCheckpointing(CharLmCheckpointing.besides(out), 100))) {
            tf.save(out);
            System.out.println("saved " + tf.describe() + " to " + out);
        }
    }
}
