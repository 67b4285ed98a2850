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
import java.nio.file.Files;
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
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private CharLmFile() {}

    static void write(Path file, CharLm lm) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                byte[] json = JSON.writeValueAsBytes(lm.config());
                out.writeInt(json.length);
                out.write(json);
                lm.block().saveParameters(out);
            }
            ChecksummedFile.write(file, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write model: " + e.getMessage(), e);
        }
    }

    static CharLm read(Path file) {
        int header = MAGIC.length + 8;
        byte[] all = ChecksummedFile.read(file, MAGIC, 8, "a CharLm model file");
        ByteBuffer head = ByteBuffer.wrap(all, MAGIC.length, 8);
        int version = head.getInt();
        if (version != VERSION) throw new ModelFileException(file, "unsupported format version " + version + " (this code reads " + VERSION + ")");
        int n = head.getInt();
        if (n < 0 || header + n > all.length - 8) throw new ModelFileException(file, "config length " + n + " out of range");
        CharLmConfig config;
        try {
            config = JSON.readValue(all, header, n, CharLmConfig.class);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "bad config JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file, "bad config: " + e.getMessage(), e);
        }
        if (!config.alphabet().equals(PapyrusText.ALPHABET))
            throw new ModelFileException(file, "model alphabet " + config.alphabet() + " does not match " + PapyrusText.ALPHABET);
        CharLmBlock block = new CharLmBlock(config);
        Model model = Model.newInstance("charlm");
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
            java.util.Map<String, Shape> expected = new java.util.LinkedHashMap<>();
            block.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
            ByteArrayInputStream params = new ByteArrayInputStream(all, header + n, all.length - 8 - header - n);
            block.loadParameters(model.getNDManager(), new DataInputStream(params));
            if (params.available() != 0) throw new ModelFileException(file, params.available() + " unread bytes after the parameters");
            block.getParameters().forEach(p -> {
                Shape got = p.getValue().getArray().getShape();
                if (!got.equals(expected.get(p.getKey())))
                    throw new ModelFileException(file, "parameters do not match config " + config + ": " + p.getKey()
                            + " has shape " + got + ", expected " + expected.get(p.getKey()));
            });
            return new CharLm(model, block);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof ModelFileException mfe) throw mfe;
            throw new ModelFileException(file, "parameters do not match config " + config + ": " + e.getMessage(), e);
        }
    }
}
