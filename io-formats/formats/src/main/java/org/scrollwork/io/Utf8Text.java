package org.scrollwork.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Text inputs (transcriptions, papyrus texts): read as strict UTF-8, a bad byte named by its offset. */
public final class Utf8Text {
    private Utf8Text() {}

    /**
     * Reads a whole file as UTF-8.
     *
     * @throws FormatException naming the file and the byte offset of the first byte that is not UTF-8
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read text " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text " + file + ": " + e.getMessage(), e);
        }
        return decode(file, bytes);
    }

    /** Decodes bytes as strict UTF-8; {@code file} names them in errors. */
    public static String decode(Path file, byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            throw new CorruptDataException(file, in.position(), "not UTF-8 text (a byte sequence of " + r.length()
                    + " byte(s) that is not UTF-8); save the file as UTF-8");
        }
        return out.flip().toString();
    }
}
