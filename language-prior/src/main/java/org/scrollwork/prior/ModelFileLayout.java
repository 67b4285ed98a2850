package org.scrollwork.prior;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout the neural model files share ({@link CharLmFile}, {@link CharTransformerFile}), integers big-endian: 8 bytes
 * of magic; int32 format version; int32 n and n bytes of UTF-8 JSON, the model's config; the DJL parameters of its
 * block ({@code Block.saveParameters}); int64 CRC-32 of every byte before it ({@link ModelFileFrame}). Written
 * atomically. Reading checks, in order: size, magic, checksum, version, config JSON, then that the parameters fit the
 * block the config builds (every shape) and fill the file exactly; any failure is a {@link ModelFileException} naming
 * the file.
 */
final class ModelFileLayout {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final int FOOTER = 8;

    private ModelFileLayout() {}

    /** Writes {@code config} and {@code block}'s parameters to {@code file} under {@code magic} and {@code version}. */
    static void write(Path file, byte[] magic, int version, Object config, Block block) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(magic);
                out.writeInt(version);
                byte[] json = JSON.writeValueAsBytes(config);
                out.writeInt(json.length);
                out.write(json);
                block.saveParameters(out);
            }
            ModelFileFrame.write(file, magic, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write model: " + e.getMessage(), e);
        }
    }

    /** A file's checked bytes and its config; the parameters follow the config. */
    record Contents<C>(Path file, C config, byte[] bytes, int parametersFrom) {}

    /** Reads and checks the header of {@code file} ({@code what} names the kind in messages) and parses its config. */
    static <C> Contents<C> read(Path file, byte[] magic, int version, String what, Class<C> configType) {
        int header = magic.length + 8;
        byte[] all = ModelFileFrame.read(file, magic, 8, what);
        ByteBuffer head = ByteBuffer.wrap(all, magic.length, 8);
        int v = head.getInt();
        if (v != version) throw new ModelFileException(file, "unsupported format version " + v + " (this code reads " + version + ")");
        int n = head.getInt();
        if (n < 0 || header + n > all.length - FOOTER) throw new ModelFileException(file, "config length " + n + " out of range");
        try {
            return new Contents<>(file, JSON.readValue(all, header, n, configType), all, header + n);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "bad config JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "bad config: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the parameters of {@code contents} into {@code block}, initialised for inputs of {@code inputShape} in a new
     * model named {@code name}: every parameter keeps the shape the config gave it and the file holds nothing more.
     *
     * @return the model holding the block (close it to free the native memory)
     */
    static Model load(Contents<?> contents, Block block, String name, Shape inputShape) {
        Path file = contents.file();
        Model model = Model.newInstance(name);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            Map<String, Shape> expected = new LinkedHashMap<>();
            block.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
            byte[] all = contents.bytes();
            ByteArrayInputStream params = new ByteArrayInputStream(all, contents.parametersFrom(), all.length - FOOTER - contents.parametersFrom());
            block.loadParameters(model.getNDManager(), new DataInputStream(params));
            if (params.available() != 0) throw new ModelFileException(file, params.available() + " unread bytes after the parameters");
            block.getParameters().forEach(p -> {
                Shape got = p.getValue().getArray().getShape();
                if (!got.equals(expected.get(p.getKey()))) {
                    throw new ModelFileException(file, "parameters do not match config " + contents.config() + ": " + p.getKey()
                            + " has shape " + got + ", expected " + expected.get(p.getKey()));
                }
            });
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof ModelFileException mfe) throw mfe;
            throw new ModelFileException(file, "parameters do not match config " + contents.config() + ": " + e.getMessage(), e);
        }
    }
}
