package org.scrollwork.prior;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link CharTransformer} training run stands after {@code step} steps: as {@link CharLmCheckpoint}, with the
 * transformer's config and training settings in the header. File format, version 1, framed by {@link ModelFileFrame}:
 * magic {@code SWTFCKPT}, int32 version, int32 n + n bytes of JSON {@link Header}, int32 n + the parameters
 * ({@code Block.saveParameters}), the optimizer (int32 update count; per parameter in model order int32 n, n float32
 * first moments, n second moments), int32 n + the best parameters (n = 0: none yet).
 */
record CharTransformerCheckpoint(Header header, byte[] parameters, CharLmAdam.State optimizer, byte[] bestParameters) {

    static final byte[] MAGIC = "SWTFCKPT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final CheckpointLayout<Header> LAYOUT = new CheckpointLayout<>(MAGIC, VERSION, "a CharTransformer training checkpoint", Header.class);

    /**
     * @param corpus {@link CharLmCheckpoint#fingerprint} of the training and validation texts
     * @param trainBits running training loss (bits per masked letter), null before the first step
     * @param bestValidationBits best validation measurement so far, null when none
     */
    record Header(CharTransformerConfig config, CharTransformerTraining training, String corpus, int step, Double trainBits,
                  Double bestValidationBits, double seconds) implements CharCheckpointHeader {}

    /** Writes the checkpoint atomically ({@link #LAYOUT}). @throws ModelFileException naming the file */
    void write(Path file) {
        LAYOUT.write(file, new CheckpointLayout.Contents<>(header, parameters, optimizer, bestParameters));
    }

    /**
     * Reads a checkpoint whose optimizer moments belong to the parameters {@code names} (model order).
     *
     * @throws ModelFileException naming the file if it is missing, not a checkpoint, corrupt or of another version
     */
    static CharTransformerCheckpoint read(Path file, List<String> names) {
        CheckpointLayout.Contents<Header> c = LAYOUT.read(file, names);
        return new CharTransformerCheckpoint(c.header(), c.parameters(), c.optimizer(), c.bestParameters());
    }
}
