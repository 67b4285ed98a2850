package org.scrollwork.prior;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link CharLm} training run stands after {@code step} steps, enough to continue it exactly: the run's
 * identity (config, training settings, corpus fingerprint), the parameters, the optimizer's state, the running
 * training loss, and the best validation measurement with its parameters.
 *
 * <p>File format, version 1 (integers big-endian), framed by {@link ChecksummedFile} (written atomically, CRC-32 at the end):
 * <ol>
 *   <li>8 bytes magic {@code SWLMCKPT}, int32 version (1).</li>
 *   <li>int32 n, n bytes of UTF-8 JSON: the {@link Header}.</li>
 *   <li>The parameters ({@code Block.saveParameters}), as a length-prefixed byte block (int32 length).</li>
 *   <li>The optimizer: int32 update count; for every parameter in model order, int32 n and n float32 first-moment values, then n second-moment values.</li>
 *   <li>The best parameters as a length-prefixed byte block (length 0: no validation measurement yet).</li>
 * </ol>
 *
 * @param header the run and its progress
 * @param parameters the DJL parameter bytes of the model after {@code header.step()} steps
 * @param optimizer the optimizer's state
 * @param bestParameters the DJL parameter bytes of the best validation measurement so far, or an empty array
 */
record CharLmCheckpoint(Header header, byte[] parameters, CharLmAdam.State optimizer, byte[] bestParameters) {

    static final byte[] MAGIC = "SWLMCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * @param config the model's shape
     * @param training the training settings (steps, batch, window, learning rate, seed, noise, weight decay)
     * @param corpus {@link #fingerprint} of the training and validation texts
     * @param step steps done
     * @param trainBits the running training loss after {@code step} steps (NaN before the first, stored as null)
     * @param bestValidationBits the best validation measurement so far (null when none)
     * @param seconds training seconds of all calls so far
     */
    record Header(CharLmConfig config, CharLmTraining training, String corpus, int step, Double trainBits, Double bestValidationBits,
                  double seconds) {}

    /** SHA-256 over the training texts, then the validation texts, each text length-prefixed: the data a checkpoint belongs to. */
    static String fingerprint(List<String> train, List<String> validation) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (List<String> part : List.of(train, validation)) {
                d.update(ByteBuffer.allocate(4).putInt(part.size()).array());
                for (String t : part) {
                    byte[] b = t.getBytes(StandardCharsets.UTF_8);
                    d.update(ByteBuffer.allocate(4).putInt(b.length).array());
                    d.update(b);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the checkpoint atomically. @throws ModelFileException naming the file */
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

    /**
     * Reads a checkpoint whose optimizer moments belong to the parameters {@code names} (model order).
     *
     * @throws ModelFileException naming the file if it is missing, not a checkpoint, corrupt or of another version
     */
    static CharLmCheckpoint read(Path file, List<String> names) {
        byte[] all = ChecksummedFile.read(file, MAGIC, 8, "a CharLm training checkpoint");
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
            return new CharLmCheckpoint(header, params, new CharLmAdam.State(updates, m, v), best);
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
