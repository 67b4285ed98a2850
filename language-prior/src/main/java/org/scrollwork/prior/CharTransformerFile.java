package org.scrollwork.prior;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The {@link CharTransformer} file format, version 1, laid out as the {@link CharLmFile} (integers big-endian):
 * 8 bytes magic {@code SWCHARTF}; int32 version (1); int32 n and n bytes of UTF-8 JSON, the
 * {@link CharTransformerConfig}; the DJL parameters ({@code Block.saveParameters}); int64 CRC-32 of every byte before
 * it. Written atomically; {@link PriorModels} tells the kinds apart by the magic.
 */
final class CharTransformerFile {

    static final byte[] MAGIC = "SWCHARTF".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private CharTransformerFile() {}

    static void write(Path file, CharTransformer tf) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                byte[] json = JSON.writeValueAsBytes(tf.config());
                out.writeInt(json.length);
                out.write(json);
                tf.block().saveParameters(out);
            }
            ChecksummedFile.write(file, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write model: " + e.getMessage(), e);
        }
    }

    static CharTransformer read(Path file) {
        int header = MAGIC.length + 8;
        byte[] all = ChecksummedFile.read(file, MAGIC, 8, "a CharTransformer model file");
        ByteBuffer head = ByteBuffer.wrap(all, MAGIC.length, 8);
        int version = head.getInt();
        if (version != VERSION) throw new ModelFileException(file, "unsupported format version " + version + " (this code reads " + VERSION + ")");
        int n = head.getInt();
        if (n < 0 || header + n > all.length - 8) throw new ModelFileException(file, "config length " + n + " out of range");
        CharTransformerConfig config;
        try {
            config = JSON.readValue(all, header, n, CharTransformerConfig.class);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "bad config JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "bad config: " + e.getMessage(), e);
        }
        if (!config.alphabet().equals(PapyrusText.ALPHABET))
            throw new ModelFileException(file, "model alphabet " + config.alphabet() + " does not match " + PapyrusText.ALPHABET);
        CharTransformerBlock block = new CharTransformerBlock(config);
        Model model = Model.newInstance("chartransformer");
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.window()));
            ByteArrayInputStream params = new ByteArrayInputStream(all, header + n, all.length - 8 - header - n);
            block.loadParameters(model.getNDManager(), new DataInputStream(params));
            if (params.available() != 0) throw new ModelFileException(file, params.available() + " unread bytes after the parameters");
            return new CharTransformer(model, block);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof ModelFileException mfe) throw mfe;
            throw new ModelFileException(file, "parameters do not match config " + config + ": " + e.getMessage(), e);
        }
    }
}
