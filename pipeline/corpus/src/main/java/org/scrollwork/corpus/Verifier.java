package org.scrollwork.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Full check: reads every record's stored bytes with plain file reads (never the mapping) and compares CRC32C. */
final class Verifier {
    private static final int BUFFER = 1 << 20;

    private Verifier() {}

    static VerifyReport verify(Path dir, Manifest m) {
        List<VerifyReport.Damage> damaged = new ArrayList<>();
        long bytes = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        for (CorpusRecord r : m.records()) {
            Path seg = dir.resolve(r.segment());
            if (!Files.exists(seg)) {
                damaged.add(new VerifyReport.Damage(r.id(), seg, r.segmentOffset(), "segment file missing"));
                continue;
            }
            try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < r.segmentOffset() + r.length()) {
                    damaged.add(new VerifyReport.Damage(r.id(), seg, r.segmentOffset(),
                            "truncated: record needs bytes up to " + (r.segmentOffset() + r.length()) + ", file has " + size));
                    continue;
                }
                CRC32C crc = new CRC32C();
                long pos = r.segmentOffset();
                long end = pos + r.length();
                while (pos < end) {
                    buf.clear();
                    buf.limit((int) Math.min(BUFFER, end - pos));
                    int n = ch.read(buf, pos);
                    if (n < 0) break;
                    buf.flip();
                    crc.update(buf);
                    pos += n;
                }
                bytes += r.length();
                if (crc.getValue() != r.crc32c()) {
                    damaged.add(new VerifyReport.Damage(r.id(), seg, r.segmentOffset(),
                            String.format("crc32c mismatch: manifest %08x, data %08x", r.crc32c(), crc.getValue())));
                }
            } catch (IOException e) {
                damaged.add(new VerifyReport.Damage(r.id(), seg, r.segmentOffset(), "unreadable: " + e.getMessage()));
            }
        }
        return new VerifyReport(m.records().size(), bytes, damaged);
    }
}
