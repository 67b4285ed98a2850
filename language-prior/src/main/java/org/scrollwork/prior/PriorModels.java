package org.scrollwork.prior;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens any saved letter model by its magic: the causal kinds, a {@link CharLm} ({@code SWCHARLM}) or an
 * {@link NgramModel} ({@code SWNGRAMS}), with {@link #load}; the infill kind, a {@link CharTransformer}
 * ({@code SWCHARTF}), with {@link #loadInfill}. {@link #kind} tells them apart.
 */
public final class PriorModels {

    private PriorModels() {}

    /**
     * Loads a model file of either kind. A {@link CharLm} holds native memory: close it (it is {@link AutoCloseable})
     * when done; see {@link #close}.
     *
     * @throws ModelFileException naming the file if it is missing, of neither kind, corrupt or does not fit this code
     */
    public static CharModel load(Path file) {
        Kind k = kind(file);
        if (k == Kind.GRU) return CharLm.load(file);
        if (k == Kind.NGRAM) return NgramModel.load(file);
        throw new ModelFileException(file, "an infill model (" + k + "), not a causal one: it restores lacunae but gives no next-letter probabilities");
    }

    /** The kinds of model file. */
    public enum Kind { GRU, NGRAM, TRANSFORMER }

    /**
     * The kind of a model file, by its magic.
     *
     * @throws ModelFileException naming the file if it is missing, unreadable or of no known kind
     */
    public static Kind kind(Path file) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (Arrays.equals(magic, CharLmFile.MAGIC)) return Kind.GRU;
        if (Arrays.equals(magic, NgramFile.MAGIC)) return Kind.NGRAM;
        if (Arrays.equals(magic, CharTransformerFile.MAGIC)) return Kind.TRANSFORMER;
        throw new CorruptModelFileException(file, "not a language model file (bad magic: expected SWCHARLM, SWNGRAMS or SWCHARTF)");
    }

    /** Loads an infill model file (a {@link CharTransformer}: close it when done). @throws ModelFileException naming the file */
    public static CharTransformer loadInfill(Path file) {
        Kind k = kind(file);
        if (k != Kind.TRANSFORMER) throw new ModelFileException(file, "a causal model (" + k + "), not an infill model");
        return CharTransformer.load(file);
    }

    /** Frees what a model holds, if anything (a {@link CharLm}'s native memory). */
    public static void close(CharModel model) {
        if (model instanceof CharLm lm) lm.close();
    }
}
