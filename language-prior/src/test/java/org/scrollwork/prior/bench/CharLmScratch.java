package org.scrollwork.prior.bench;

import java.util.List;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.GreekCorpus;

public class CharLmScratch {
    public static void main(String[] a) {
        System.setProperty("ai.djl.offline", "true");
        if (a.length > 7) { System.setProperty("ai.djl.pytorch.num_threads", a[7]); System.setProperty("ai.djl.pytorch.num_interop_threads", "1"); }
        GreekCorpus.Split s = GreekCorpus.sblgnt().split();
        List<String> tr = s.train().stream().map(GreekCorpus.Book::letters).toList();
        List<String> va = s.validation().stream().map(GreekCorpus.Book::letters).toList();
        List<String> te = s.test().stream().map(GreekCorpus.Book::letters).toList();
        CharLmConfig c = CharLmConfig.of(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Float.parseFloat(a[2]));
        CharLmTraining t = new CharLmTraining(Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]), Float.parseFloat(a[6]), 1);
        long t0 = System.nanoTime();
        try (CharLm lm = CharLm.train(tr, c, t, System.out::println)) {
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s %s train %.0fs val %.4f test %.4f%n", lm.describe(), t, secs, lm.bitsPerChar(va), lm.bitsPerChar(te));
        }
    }
}
