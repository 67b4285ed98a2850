package org.scrollwork.prior;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a {@link CharLm} training run stands after {@code step} steps, enough to continue it exactly: the run's
 * identity (config, training settings, corpus fingerprint), the parameters, the optimizer's state, the running
 * training loss, and the best validation measurement with its parameters.
 *
 * <p>File format, version 1 (integers big-endian), framed by {@link ModelFileFrame} (written atomically, CRC-32 at the end):
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
    static final CheckpointLayout<Header> LAYOUT = new CheckpointLayout<>(MAGIC, VERSION, "a CharLm training checkpoint", Header.class);

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
                  double seconds) implements CharCheckpointHeader {}

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

    /** Writes the checkpoint atomically ({@link #LAYOUT}). @throws ModelFileException naming the file */
    void write(Path file) {
        LAYOUT.write(file, new CheckpointLayout.Contents<>(header, parameters, optimizer, bestParameters));
    }

    /**
     * Reads a checkpoint whose optimizer moments belong to the parameters {@code names} (model order).
     *
     * @throws ModelFileException naming the file if it is missing, not a checkpoint, corrupt or of another version
     */
    static CharLmCheckpoint read(Path file, List<String> names) {
        CheckpointLayout.Contents<Header> c = LAYOUT.read(file, names);
        return new CharLmCheckpoint(c.header(), c.parameters(), c.optimizer(), c.bestParameters());
    }
}
