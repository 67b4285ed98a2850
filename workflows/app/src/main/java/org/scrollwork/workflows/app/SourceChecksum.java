package org.scrollwork.workflows.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** CRC32C of a source file, or of every file of a source folder in name order (relative names included). */
public final class SourceChecksum {
    private SourceChecksum() {}

    public static String of(Path source) {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 20];
        try {
            List<Path> files;
            if (Files.isDirectory(source)) {
                try (Stream<Path> s = Files.walk(source)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(source);
            }
            for (Path f : files) {
                crc.update(source.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return String.format("crc32c:%08x", crc.getValue());
    }
}
