package org.scrollwork.prior;

import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@link CharTransformer} file format, version 1, in the {@link ModelFileLayout} (integers big-endian):
 * 8 bytes magic {@code SWCHARTF}; int32 version (1); int32 n and n bytes of UTF-8 JSON, the
 * {@link CharTransformerConfig}; the DJL parameters ({@code Block.saveParameters}); int64 CRC-32 of every byte before
 * it. Written atomically; {@link PriorModels} tells the kinds apart by the magic.
 */
final class CharTransformerFile {

    static final byte[] MAGIC = "SWCHARTF".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private CharTransformerFile() {}

    static void write(Path file, CharTransformer tf) {
        ModelFileLayout.write(file, MAGIC, VERSION, tf.config(), tf.block());
    }

    static CharTransformer read(Path file) {
        ModelFileLayout.Contents<CharTransformerConfig> contents = ModelFileLayout.read(file, MAGIC, VERSION, "a CharTransformer model file", CharTransformerConfig.class);
        CharTransformerConfig config = contents.config();
        if (!config.alphabet().equals(PapyrusText.ALPHABET)) {
            throw new ModelFileException(file, "model alphabet " + config.alphabet() + " does not match " + PapyrusText.ALPHABET);
        }
        CharTransformerBlock block = new CharTransformerBlock(config);
        return new CharTransformer(ModelFileLayout.load(contents, block, "chartransformer", new Shape(1, config.window())), block);
    }
}
