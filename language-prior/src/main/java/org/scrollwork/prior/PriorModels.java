package org.scrollwork.prior;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens any saved letter model by its magic: a {@link CharLm} ({@code SWCHARLM}) or an {@link NgramModel} ({@code SWNGRAMS}). */
public final class PriorModels {

    private PriorModels() {}

    /**
     * Loads a model file of either kind. A {@link CharLm} holds native memory: close it (it is {@link AutoCloseable})
     * when done; see {@link #close}.
     *
     * @throws ModelFileException naming the file if it is missing, of neither kind, corrupt or does not fit this code
     */
    public static CharModel load(Path file) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (Arrays.equals(magic, CharLmFile.MAGIC)) return CharLm.load(file);
        if (Arrays.equals(magic, NgramFile.MAGIC)) return NgramModel.load(file);
        throw new ModelFileException(file, "not a language model file (bad magic: expected SWCHARLM or SWNGRAMS)");
    }

    /** Frees what a model holds, if anything (a {@link CharLm}'s native memory). */
    public static void close(CharModel model) {
        if (model instanceof CharLm lm) lm.close();
    }
}
