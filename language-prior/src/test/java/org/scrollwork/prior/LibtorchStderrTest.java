package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch writes its warnings to the process's file descriptor 2, past {@code System.err}; so each case runs in a
 * child JVM on this test's class path and its stderr is read whole.
 */
class LibtorchStderrTest {

    private static final String WARNING = "AutoNonVariableTypeMode is deprecated";

    @TempDir Path dir;

    /**
     * A child JVM's entry point: {@code dynamic} runs a dynamic evaluation of a small fresh GRU; {@code transformer}
     * trains a small infill Transformer for a few steps (its parameters are initialised by assignment) and fills a gap;
     * {@code set-bytes} copies an array with set(ByteBuffer).
     */
    public static final class Child {
        public static void main(String[] args) {
            if (args[0].equals("dynamic")) {
                try (CharLm lm = CharLm.create(CharLmConfig.of(16, 2, 0.1f), 3)) {
                    String text = NgramModelTest.markovText(7, 200);
                    CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, 16, 0.5f);
                    System.out.println(d.bitsPerChar(List.of(text)));
                    int n = d.withAdaptation(List.of(text), m -> m.textLetterLogProbs("ΛΟΓΟΣ").length);
                    System.out.println(n);
                }
            } else if (args[0].equals("transformer")) {
                String text = NgramModelTest.markovText(7, 400);
                try (CharTransformer tf = CharTransformer.train(List.of(text), List.of(), CharTransformerConfig.of(16, 16, 1, 2, 0.1f),
                        new CharTransformerTraining(5, 4, 0.002f, 2, 0.01f, 3), s -> { }, p -> { }, null)) {
                    System.out.println(tf.gapLogProbs("ΛΟΓ", List.of(".."), "ΚΑΙ").size());
                }
            } else {
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray a = m.create(new float[] {1, 2}), b = m.create(new float[] {3, 4});
                    a.set(b.toByteBuffer());
                    System.out.println(a.getFloat(1));
                }
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run child(String mode) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve(mode + ".out"), err = dir.resolve(mode + ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", cp, Child.class.getName(), mode)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The capture sees libtorch's warning where DJL's set(ByteBuffer) causes it (so its absence below means something). */
    @Test
    void theCaptureSeesTheWarningOfSetByteBuffer() throws Exception {
        Run r = child("set-bytes");
        assertEquals(0, r.exit(), r.err());
        assertEquals("4.0", r.out().strip());
        assertTrue(r.err().contains(WARNING), "libtorch warned: " + r.err());
    }

    @Test
    void trainingAnInfillTransformerWritesNothingOnStderr() throws Exception {
        Run r = child("transformer");
        assertEquals(0, r.exit(), r.err());
        assertEquals("1", r.out().strip());
        assertEquals("", r.err().strip(), "nothing at all on stderr");
    }

    @Test
    void dynamicEvaluationWritesNothingOnStderr() throws Exception {
        Run r = child("dynamic");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertFalse(r.err().contains(WARNING), r.err());
        assertEquals("", r.err().strip(), "nothing at all on stderr");
    }

}
