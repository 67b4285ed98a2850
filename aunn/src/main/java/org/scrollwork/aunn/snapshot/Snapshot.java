package org.scrollwork.aunn.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.ParamSpec;
import org.scrollwork.aunn.train.AdamW;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.files.ChecksumTrailer;
import org.scrollwork.files.ChecksummedFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Saves and restores a training state (weights, AdamW moments and count, config, step, source
 * fingerprint) as one file, written atomically. The layout is specified in {@code SNAPSHOT.md}.
 * A restored trainer continues exactly the run it was saved from.
 */
public final class Snapshot {
    /** Bytes 0..7 of every snapshot. */
    public static final byte[] MAGIC = "AUNNSNAP".getBytes(StandardCharsets.US_ASCII);
    /** Last 4 bytes of every snapshot. */
    public static final byte[] END = "SEND".getBytes(StandardCharsets.US_ASCII);
    /** Version written: 2 (the config may carry the geometry embedding and the list's layout); 1 is still read. */
    public static final int FORMAT_VERSION = 2;
    /** Magic, CRC32C of every byte before it and the end marker (rule 1). */
    private static final ChecksummedFile FRAME = new ChecksummedFile(MAGIC, ChecksumTrailer.crc32cAsInt(END), "a snapshot");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How strictly a snapshot must match the caller's expectations. */
    public enum Mode {
        /** Same config and same source fingerprint: continue the same run. */
        RESUME,
        /** Same architecture; training hyper-parameters and data may differ (finetuning). */
        FINETUNE
    }

    private Snapshot() {}

    /**
     * Writes the trainer's state to {@code file}: to a temporary file in the same directory,
     * fsync, then an atomic rename over {@code file} ({@link ChecksummedFile}). A reader sees the old file or the new one.
     *
     * @throws SnapshotException (kind IO) naming the file when writing fails
     */
    public static void save(Path file, AunnTrainer trainer, String sourceFingerprint) {
        Map<String, float[]> params = trainer.model().exportParameters();
        AdamW.State opt = trainer.optimizer().exportState();
        List<SnapshotHeader.Tensor> tensors = new ArrayList<>();
        List<float[]> data = new ArrayList<>();
        long offset = 0;
        for (String group : List.of("param", "adam_m", "adam_v")) {
            for (ParamSpec s : trainer.model().specs()) {
                float[] v = switch (group) {
                    case "param" -> params.get(s.name());
                    case "adam_m" -> opt.firstMoment().get(s.name());
                    default -> opt.secondMoment().get(s.name());
                };
                tensors.add(new SnapshotHeader.Tensor(group, s.name(), s.shape(), offset, v.length));
                data.add(v);
                offset += v.length;
            }
        }
        SnapshotHeader header = new SnapshotHeader(FORMAT_VERSION, trainer.model().config(), trainer.step(), opt.updates(), sourceFingerprint, tensors);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new SnapshotException(file, SnapshotException.Kind.IO, "cannot encode header: " + e.getOriginalMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + 4 + 4 + json.length + offset * 4));
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(json.length).put(json);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : data) for (float f : v) buf.putFloat(f);
        writeFramed(file, buf.array());
    }

    private static void writeFramed(Path file, byte[] body) {
        // a snapshot path that names a directory is a mistake, not a target; checked here to say so in these words
        if (Files.isDirectory(file)) throw new SnapshotException(file, SnapshotException.Kind.IO, "cannot write: it is a directory");
        try {
            FRAME.write(file, body);
        } catch (IOException e) {
            throw new SnapshotException(file, SnapshotException.Kind.IO, "cannot write: " + e, e);
        }
    }

    /** A snapshot file read into memory and verified (rules 1-6 of {@code SNAPSHOT.md}). */
    public record Contents(SnapshotHeader header, Map<String, float[]> params, AdamW.State optimizer) {}

    /**
     * Reads and verifies a snapshot file.
     *
     * @throws SnapshotException naming the file: IO if unreadable; a {@link CorruptSnapshotException}, TRUNCATED if
     *     short, CORRUPT on bad magic, version, checksum or header
     */
    public static Contents read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file, SnapshotException.Kind.IO, "no such file", e);
        } catch (IOException e) {
            throw new SnapshotException(file, SnapshotException.Kind.IO, "cannot read: " + e, e);
        }
        if (all.length < 16) throw new CorruptSnapshotException(file, SnapshotException.Kind.TRUNCATED, "only " + all.length + " bytes, shorter than the 16-byte preamble");
        if (!FRAME.hasMagic(all)) throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "not a snapshot (bad magic)");
        ByteBuffer b = ByteBuffer.wrap(all, MAGIC.length, 8);
        int version = b.getInt();
        if (version != 1 && version != FORMAT_VERSION) {
            throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "unsupported format version " + version + " (this build reads 1 and " + FORMAT_VERSION + ")");
        }
        int headerLen = b.getInt();
        int trailer = FRAME.trailer().length(); // CRC32C and end marker: 8 bytes
        if (headerLen < 2 || 16L + headerLen + trailer > all.length) {
            throw new CorruptSnapshotException(file, SnapshotException.Kind.TRUNCATED, "header of " + headerLen + " bytes does not fit in " + all.length + " bytes");
        }
        SnapshotHeader header;
        try {
            header = JSON.readValue(all, 16, headerLen, SnapshotHeader.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "unreadable header: " + e.getMessage(), e);
        }
        long floats = 0;
        for (SnapshotHeader.Tensor t : header.tensors()) floats = Math.max(floats, t.offset() + t.length());
        long expected = 16L + headerLen + floats * 4 + trailer;
        if (all.length < expected) {
            throw new CorruptSnapshotException(file, SnapshotException.Kind.TRUNCATED, "expected " + expected + " bytes, found " + all.length);
        }
        if (all.length > expected) throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "expected " + expected + " bytes, found " + all.length + " (trailing data)");
        int body = (int) (expected - trailer);
        if (!FRAME.trailer().checksumMatches(all, body)) throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "checksum mismatch (CRC32C)");
        if (!FRAME.trailer().endMarkerMatches(all, body)) throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "bad end marker");
        ByteBuffer data = ByteBuffer.wrap(all, 16 + headerLen, (int) (floats * 4)).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> params = new LinkedHashMap<>();
        Map<String, float[]> m = new LinkedHashMap<>();
        Map<String, float[]> v = new LinkedHashMap<>();
        for (SnapshotHeader.Tensor t : header.tensors()) {
            float[] values = new float[Math.toIntExact(t.length())];
            data.position(Math.toIntExact(t.offset() * 4));
            data.asFloatBuffer().get(values);
            Map<String, float[]> target = switch (t.group()) {
                case "param" -> params;
                case "adam_m" -> m;
                case "adam_v" -> v;
                default -> throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, "unknown tensor group " + t.group());
            };
            target.put(t.name(), values);
        }
        return new Contents(header, params, new AdamW.State(header.optimizerUpdates(), m, v));
    }

    /** The header alone (reads and verifies the whole file). */
    public static SnapshotHeader readHeader(Path file) {
        return read(file).header();
    }

    /**
     * Loads a snapshot into {@code trainer} (and its model): weights, optimizer state and step.
     * In {@link Mode#RESUME} the snapshot's config must equal the model's and its fingerprint must
     * equal {@code sourceFingerprint}; in {@link Mode#FINETUNE} only the architecture must match,
     * and the step restarts at 0 with fresh optimizer state.
     *
     * @throws SnapshotException naming the file: CONFIG_MISMATCH or FINGERPRINT_MISMATCH, or any
     *     error of {@link #read}
     */
    public static void restore(Path file, AunnTrainer trainer, String sourceFingerprint, Mode mode) {
        restore(file, trainer, recorded -> recorded.equals(sourceFingerprint), sourceFingerprint, mode);
    }

    /**
     * As {@link #restore(Path, AunnTrainer, String, Mode)}, but in {@link Mode#RESUME} the snapshot's recorded
     * fingerprint must be one {@code source} accepts ({@link IndexedByteSource#matchesFingerprint}): its current
     * fingerprint, or what an older fingerprint rule gave for the same data.
     */
    public static void restore(Path file, AunnTrainer trainer, IndexedByteSource source, Mode mode) {
        restore(file, trainer, source::matchesFingerprint, source.fingerprint(), mode);
    }

    private static void restore(Path file, AunnTrainer trainer, Predicate<String> sameSource, String sourceFingerprint, Mode mode) {
        Contents c = read(file);
        AunnConfig have = c.header().config();
        AunnConfig want = trainer.model().config();
        if (mode == Mode.RESUME && !have.equals(want)) {
            throw new SnapshotException(file, SnapshotException.Kind.CONFIG_MISMATCH, "config differs: snapshot has " + have + ", expected " + want);
        }
        if (!have.sameArchitecture(want)) {
            throw new SnapshotException(file, SnapshotException.Kind.CONFIG_MISMATCH, "architecture differs: snapshot has " + have + ", expected " + want);
        }
        if (mode == Mode.RESUME && !sameSource.test(c.header().sourceFingerprint())) {
            throw new SnapshotException(file, SnapshotException.Kind.FINGERPRINT_MISMATCH,
                    "trained on source " + c.header().sourceFingerprint() + ", not " + sourceFingerprint + " (use Mode.FINETUNE to train on other data)");
        }
        try {
            trainer.model().importParameters(c.params());
            if (mode == Mode.RESUME) {
                trainer.optimizer().importState(c.optimizer());
                trainer.setStep(c.header().step());
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptSnapshotException(file, SnapshotException.Kind.CORRUPT, e.getMessage(), e);
        }
    }
}
