package org.scrollwork.prior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout the training checkpoints share ({@link CharLmCheckpoint}, {@link CharTransformerCheckpoint}), framed by
 * {@link ModelFileFrame}: magic, int32 version, int32 n + n bytes of JSON header, int32 n + the parameters
 * ({@code Block.saveParameters}), the optimizer (int32 update count; per parameter in model order int32 n, n float32
 * first moments, n second moments), int32 n + the best parameters (n = 0: none yet).
 *
 * @param magic the kind's magic bytes
 * @param version the format version this code writes and reads
 * @param what the kind, as messages name it ("a CharLm training checkpoint")
 * @param headerType the kind's header record
 * @param <H> the kind's header record
 */
record CheckpointLayout<H>(byte[] magic, int version, String what, Class<H> headerType) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** A checkpoint's parts; {@code H} is its header record. */
    record Contents<H>(H header, byte[] parameters, CharLmAdam.State optimizer, byte[] bestParameters) {}

    /** Writes {@code c} atomically under the magic and version. @throws ModelFileException naming the file */
    void write(Path file, Contents<H> c) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(magic);
                out.writeInt(version);
                byte[] json = JSON.writeValueAsBytes(c.header());
                out.writeInt(json.length);
                out.write(json);
                out.writeInt(c.parameters().length);
                out.write(c.parameters());
                CharLmAdam.State optimizer = c.optimizer();
                out.writeInt(optimizer.updates());
                for (String name : optimizer.firstMoment().keySet()) {
                    float[] m = optimizer.firstMoment().get(name), v = optimizer.secondMoment().get(name);
                    out.writeInt(m.length);
                    for (float x : m) out.writeFloat(x);
                    for (float x : v) out.writeFloat(x);
                }
                out.writeInt(c.bestParameters().length);
                out.write(c.bestParameters());
            }
            ModelFileFrame.write(file, magic, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint whose optimizer moments belong to the parameters {@code names} (model order).
     *
     * @throws ModelFileException naming the file if it is missing, not such a checkpoint, corrupt or of another version
     */
    Contents<H> read(Path file, List<String> names) {
        byte[] all = ModelFileFrame.read(file, magic, 8, what);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, magic.length, all.length - 8 - magic.length))) {
            int v0 = in.readInt();
            if (v0 != version) throw new ModelFileException(file, "unsupported checkpoint version " + v0 + " (this code reads " + version + ")");
            H header;
            try {
                header = JSON.readValue(block(in, file, "header"), headerType);
            } catch (JsonProcessingException e) {
                throw new ModelFileException(file, "bad checkpoint header: " + e.getOriginalMessage(), e);
            }
            byte[] params = block(in, file, "parameters");
            int updates = in.readInt();
            Map<String, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            for (String name : names) {
                int n = in.readInt();
                if (n < 0 || (long) n * 8 > in.available()) throw new ModelFileException(file, "optimizer state of " + name + " out of range");
                m.put(name, floats(in, n));
                v.put(name, floats(in, n));
            }
            byte[] best = block(in, file, "best parameters");
            if (in.available() != 0) throw new ModelFileException(file, in.available() + " unread bytes at the end");
            return new Contents<>(header, params, new CharLmAdam.State(updates, m, v), best);
        } catch (IOException e) {
            throw new ModelFileException(file, "truncated checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] block(DataInputStream in, Path file, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new ModelFileException(file, what + " length " + n + " out of range");
        return in.readNBytes(n);
    }

    private static float[] floats(DataInputStream in, int n) throws IOException {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = in.readFloat();
        return f;
    }
}
