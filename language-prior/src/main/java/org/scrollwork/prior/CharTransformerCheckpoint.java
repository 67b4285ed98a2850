package org.scrollwork.prior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link CharTransformer} training run stands after {@code step} steps: as {@link CharLmCheckpoint}, with the
 * transformer's config and training settings in the header. File format, version 1, framed by {@link ChecksummedFile}:
 * magic {@code SWTFCKPT}, int32 version, int32 n + n bytes of JSON {@link Header}, int32 n + the parameters
 * ({@code Block.saveParameters}), the optimizer (int32 update count; per parameter in model order int32 n, n float32
 * first moments, n second moments), int32 n + the best parameters (n = 0: none yet).
 */
record CharTransformerCheckpoint(Header header, byte[] parameters, CharLmAdam.State optimizer, byte[] bestParameters) {

    static final byte[] MAGIC = "SWTFCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * @param corpus {@link CharLmCheckpoint#fingerprint} of the training and validation texts
     * @param trainBits running training loss (bits per masked letter), null before the first step
     * @param bestValidationBits best validation measurement so far, null when none
     */
    record Header(CharTransformerConfig config, CharTransformerTraining training, String corpus, int step, Double trainBits,
                  Double bestValidationBits, double seconds) {}

    void write(Path file) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                byte[] json = JSON.writeValueAsBytes(header);
                out.writeInt(json.length);
                out.write(json);
                out.writeInt(parameters.length);
                out.write(parameters);
                out.writeInt(optimizer.updates());
                for (String name : optimizer.firstMoment().keySet()) {
                    float[] m = optimizer.firstMoment().get(name), v = optimizer.secondMoment().get(name);
                    out.writeInt(m.length);
                    for (float x : m) out.writeFloat(x);
                    for (float x : v) out.writeFloat(x);
                }
                out.writeInt(bestParameters.length);
                out.write(bestParameters);
            }
            ChecksummedFile.write(file, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    static CharTransformerCheckpoint read(Path file, List<String> names) {
        byte[] all = ChecksummedFile.read(file, MAGIC, 8, "a CharTransformer training checkpoint");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, MAGIC.length, all.length - 8 - MAGIC.length))) {
            int version = in.readInt();
            if (version != VERSION) throw new ModelFileException(file, "unsupported checkpoint version " + version + " (this code reads " + VERSION + ")");
            Header header;
            try {
                header = JSON.readValue(block(in, file, "header"), Header.class);
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
            return new CharTransformerCheckpoint(header, params, new CharLmAdam.State(updates, m, v), best);
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
