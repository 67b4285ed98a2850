package org.scrollwork.prior.bench;

import java.util.List;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.NgramModel;

public class NgramScratch {
    public static void main(String[] args) {
        GreekCorpus c = GreekCorpus.sblgnt();
        GreekCorpus.Split s = c.split();
        System.out.println("total " + c.letters() + " train " + s.trainLetters() + " val " + s.validationLetters() + " test " + s.testLetters());
        List<String> tr = s.train().stream().map(GreekCorpus.Book::letters).toList();
        List<String> va = s.validation().stream().map(GreekCorpus.Book::letters).toList();
        List<String> te = s.test().stream().map(GreekCorpus.Book::letters).toList();
        for (int n = 1; n <= 8; n++) {
            long t0 = System.nanoTime();
            NgramModel m = NgramModel.train(tr, n);
            System.out.printf("order %d val %.4f test %.4f  %.1fs %s%n", n, m.bitsPerChar(va), m.bitsPerChar(te), (System.nanoTime() - t0) / 1e9, m.describe());
        }
    }
}
