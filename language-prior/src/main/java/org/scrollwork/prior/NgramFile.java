package org.scrollwork.prior;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link NgramModel} file format, version 1. All integers big-endian.
 * <ol>
 *   <li>8 bytes magic {@code SWNGRAMS} (ASCII).</li>
 *   <li>int32 format version (1), int32 order (1 … 12), int32 alphabet size (24).</li>
 *   <li>int32 number of texts; per text an int32 length and one byte per letter (its index in
 *       {@link PapyrusText#ALPHABET}).</li>
 *   <li>int64 CRC-32 of every byte before it.</li>
 * </ol>
 * The file keeps the training letters rather than the counts: counting is exact and fast (about a second for the
 * 600,000 training letters of the SBLGNT at order 8), and the file stays one byte per letter. Reading checks size,
 * magic, checksum, version, order, alphabet and that the texts fill the file exactly; any failure is a
 * {@link ModelFileException} naming the file. Written atomically.
 */
final class NgramFile {

    static final byte[] MAGIC = "SWNGRAMS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private NgramFile() {}

    static void write(Path file, NgramModel m) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(m.order());
                out.writeInt(CharModel.ALPHABET_SIZE);
                out.writeInt(m.texts().size());
                for (String t : m.texts()) {
                    int[] s = CharModel.encode(t);
                    out.writeInt(s.length);
                    for (int x : s) out.writeByte(x);
                }
            }
            ModelFileFrame.write(file, MAGIC, buf.toByteArray());
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write model: " + e.getMessage(), e);
        }
    }

    static NgramModel read(Path file) {
        byte[] all = ModelFileFrame.read(file, MAGIC, 16, "an n-gram model file");
        ByteBuffer b = ByteBuffer.wrap(all, MAGIC.length, all.length - 8 - MAGIC.length);
        int version = b.getInt();
        if (version != VERSION) throw new ModelFileException(file, "unsupported format version " + version + " (this code reads " + VERSION + ")");
        int order = b.getInt();
        if (order < 1 || order > 12) throw new ModelFileException(file, "order " + order + " out of range 1..12");
        int alphabet = b.getInt();
        if (alphabet != CharModel.ALPHABET_SIZE)
            throw new ModelFileException(file, "model alphabet has " + alphabet + " letters, this code has " + CharModel.ALPHABET_SIZE);
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 4) throw new ModelFileException(file, "text count " + n + " out of range");
        List<String> texts = new ArrayList<>(n);
        char[] letters = PapyrusText.ALPHABET.toCharArray();
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 4) throw new ModelFileException(file, "text " + i + " runs past the end");
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) throw new ModelFileException(file, "text " + i + " length " + len + " runs past the end");
            char[] t = new char[len];
            for (int j = 0; j < len; j++) {
                int x = b.get();
                if (x < 0 || x >= alphabet) throw new ModelFileException(file, "text " + i + " holds letter index " + x + " outside 0.." + (alphabet - 1));
                t[j] = letters[x];
            }
            texts.add(new String(t));
        }
        if (b.remaining() != 0) throw new ModelFileException(file, b.remaining() + " unread bytes after the texts");
        return NgramModel.train(texts, order);
    }
}
