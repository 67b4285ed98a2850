package org.scrollwork.prior;

import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@link CharLm} file format, version 1. All integers big-endian.
 * <ol>
 *   <li>8 bytes magic {@code SWCHARLM} (ASCII).</li>
 *   <li>int32 format version (1).</li>
 *   <li>int32 n, then n bytes of UTF-8 JSON: the {@link CharLmConfig} ({@code alphabet, hiddenSize, layers, dropout}).</li>
 *   <li>The DJL parameters of the network ({@code Block.saveParameters}).</li>
 *   <li>int64 CRC-32 of every byte before it.</li>
 * </ol>
 * Files are written atomically (temp + fsync + rename). Reading checks, in order: size, magic, checksum, version,
 * config, alphabet, then that the parameters fit the config and fill the file exactly; any failure is a
 * {@link ModelFileException} naming the file.
 */
final class CharLmFile {

    static final byte[] MAGIC = "SWCHARLM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private CharLmFile() {}

    static void write(Path file, CharLm lm) {
        ModelFileLayout.write(file, MAGIC, VERSION, lm.config(), lm.block());
    }

    static CharLm read(Path file) {
        ModelFileLayout.Contents<CharLmConfig> contents = ModelFileLayout.read(file, MAGIC, VERSION, "a CharLm model file", CharLmConfig.class);
        CharLmConfig config = contents.config();
        if (!config.alphabet().equals(PapyrusText.ALPHABET)) {
            throw new ModelFileException(file, "model alphabet " + config.alphabet() + " does not match " + PapyrusText.ALPHABET);
        }
        CharLmBlock block = new CharLmBlock(config);
        return new CharLm(ModelFileLayout.load(contents, block, "charlm", new Shape(1, 1)), block);
    }
}
