package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharLmTest {

    private static CharLm trained;
    private static final String TEST_TEXT = NgramModelTest.markovText(22, 3000);

    @BeforeAll
    static void train() {
        // Markov text (entropy ~2.9 bits) from NgramModelTest; 3 s of training on one thread
        List<String> texts = List.of(NgramModelTest.markovText(21, 60_000));
        trained = CharLm.train(texts, CharLmConfig.of(64, 1, 0f), new CharLmTraining(150, 16, 64, 0.01f, 3), s -> { });
    }

    @AfterAll
    static void close() { trained.close(); }

    /** Entropy of the test text's own letter frequencies: what the best unigram model could score on it. */
    private static double unigramEntropy(String s) {
        int[] c = new int[24];
        for (int x : CharModel.encode(s)) c[x]++;
        double h = 0;
        for (int x : c) if (x > 0) h -= (double) x / s.length() * Math.log((double) x / s.length()) / Math.log(2);
        return h;
    }

    @Test
    void shortTrainingBeatsTheUnigramEntropyClearly() {
        double bits = trained.bitsPerChar(List.of(TEST_TEXT));
        double unigram = unigramEntropy(TEST_TEXT);
        assertTrue(unigram > 4.4, "unigram " + unigram);
        assertTrue(bits < unigram - 0.8, "bits " + bits + " vs unigram " + unigram);
    }

    @Test
    void sharedPrefixBatchesAgreeWithSeparateCallsAndSumToOne() {
        String left = TEST_TEXT.substring(0, 40);
        List<String> suffixes = List.of("", "Α", "ΒΓ", "ΩΩ", "ΔΕΖ");
        double[][] batched = trained.nextLogProbs(left, suffixes);
        double[] scores = trained.suffixLogProbs(left, suffixes);
        for (int i = 0; i < suffixes.size(); i++) {
            double[] alone = trained.nextLogProbs(left + suffixes.get(i));
            assertArrayEquals(alone, batched[i], 1e-4);
            assertEquals(1.0, Arrays.stream(alone).map(Math::exp).sum(), 1e-4);
            // chain rule, one letter at a time
            double chain = 0;
            String s = suffixes.get(i);
            for (int j = 0; j < s.length(); j++) chain += trained.nextLogProbs(left + s.substring(0, j))[PapyrusText.letterIndex(s.charAt(j))];
            assertEquals(chain, scores[i], 1e-3);
        }
    }

    @Test
    void encodeCarriesStateAcrossChunks() {
        String text = TEST_TEXT.substring(0, CharLm.CHUNK + 37);
        TextEncoding enc = trained.encode(text);
        assertEquals(text.length(), enc.length());
        assertEquals(64, enc.hidden()[0].length);
        for (int i : new int[] {0, 1, CharLm.CHUNK - 1, CharLm.CHUNK, CharLm.CHUNK + 36}) {
            double[] ref = trained.nextLogProbs(text.substring(0, i));
            for (int a = 0; a < 24; a++) assertEquals(Math.exp(ref[a]), enc.nextLetterProbs()[i][a], 1e-4, "position " + i);
        }
    }

    @Test
    void earlyStoppingKeepsTheBestValidationParametersInMemoryAndOnDisk(@TempDir Path dir) {
        List<String> texts = List.of(NgramModelTest.markovText(31, 20_000));
        List<String> val = List.of(NgramModelTest.markovText(32, 2_000));
        CharLmTraining t = new CharLmTraining(CharLmTrainer.EVAL_EVERY + 10, 8, 32, 0.01f, 4);
        try (CharLm lm = CharLm.train(texts, val, CharLmConfig.of(32, 1, 0f), t, s -> { })) {
            Path f = dir.resolve("best.charlm");
            lm.save(f);
            try (CharLm back = CharLm.load(f)) {
                assertEquals(back.bitsPerChar(val), lm.bitsPerChar(val), 1e-6);
                assertArrayEquals(back.nextLogProbs("ΑΒΓ"), lm.nextLogProbs("ΑΒΓ"), 1e-6);
            }
        }
    }

    @Test
    void saveAndLoadGiveTheSameModel(@TempDir Path dir) {
        Path f = dir.resolve("m.charlm");
        trained.save(f);
        try (CharLm back = CharLm.load(f)) {
            assertEquals(trained.config(), back.config());
            assertArrayEquals(trained.nextLogProbs("ΛΟΓΟΣ"), back.nextLogProbs("ΛΟΓΟΣ"), 1e-6);
        }
    }

    @Test
    void truncatedCorruptAndMismatchedFilesGiveTypedErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.charlm");
        trained.save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.charlm");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertNamed(truncated, "checksum");

        Path flipped = dir.resolve("flipped.charlm");
        byte[] f = bytes.clone();
        f[f.length / 2] ^= 0x10;
        Files.write(flipped, f);
        assertNamed(flipped, "checksum");

        Path notModel = dir.resolve("not-a-model.charlm");
        Files.writeString(notModel, "hello, this is not a model file at all");
        assertNamed(notModel, "magic");

        Path tiny = dir.resolve("tiny.charlm");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertNamed(tiny, "truncated");

        // same-length edits of the JSON config, with a recomputed checksum: the file is intact but does not fit
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"hiddenSize\":64"));
        assertNamed(withChecksum(dir.resolve("wrong-size.charlm"), replace(bytes, "\"hiddenSize\":64", "\"hiddenSize\":65")), "do not match");
        assertNamed(withChecksum(dir.resolve("wrong-alphabet.charlm"), replace(bytes, "ΑΒΓ", "ΒΑΓ")), "alphabet");
        assertNamed(withChecksum(dir.resolve("bad-json.charlm"), replace(bytes, "\"layers\"", "\"lay3rs\"")), "config");
        byte[] v2 = bytes.clone();
        v2[11] = 2;
        assertNamed(withChecksum(dir.resolve("v2.charlm"), v2), "version 2");
        assertNamed(dir.resolve("missing.charlm"), "no such file");
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8), b = to.getBytes(StandardCharsets.UTF_8);
        assertEquals(a.length, b.length);
        byte[] out = bytes.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
                return out;
            }
        }
        throw new AssertionError(from + " not found");
    }

    private static Path withChecksum(Path file, byte[] bytes) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes, bytes.length - 8, 8).putLong(crc.getValue());
        Files.write(file, bytes);
        return file;
    }

    private static void assertNamed(Path file, String what) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> CharLm.load(file).close());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertEquals(file, e.path());
    }
}
