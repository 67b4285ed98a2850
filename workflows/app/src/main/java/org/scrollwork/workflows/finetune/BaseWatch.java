package org.scrollwork.workflows.finetune;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Guards the base snapshot of a job: its SHA-256 is recorded when the job starts, compared on every
 * run, and re-checked during training whenever the file's size or modification time moves.
 */
final class BaseWatch {
    private final Path base;
    private final String sha256;
    private long size;
    private long modified;

    BaseWatch(Path base, String sha256) {
        this.base = base;
        this.sha256 = sha256;
        stamp();
    }

    /** SHA-256 of a file, hex. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new FinetuneException("base snapshot " + file + " does not exist", e);
        } catch (IOException e) {
            throw new FinetuneException("cannot read base snapshot " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Fails unless the base still has the recorded checksum. */
    void checkFully() {
        String now = sha256(base);
        if (!now.equals(sha256)) {
            throw new FinetuneException("base snapshot " + base + " changed since this job started (sha256 " + sha256 + " then, " + now
                    + " now); a finetune never writes its base, so something else did: restore it or start a new job directory");
        }
        stamp();
    }

    /** Cheap check (size and modification time); a full checksum when either moved. */
    void check() {
        long[] s = attributes();
        if (s[0] != size || s[1] != modified) checkFully();
    }

    private void stamp() {
        long[] s = attributes();
        size = s[0];
        modified = s[1];
    }

    private long[] attributes() {
        try {
            BasicFileAttributes a = Files.readAttributes(base, BasicFileAttributes.class);
            return new long[] {a.size(), a.lastModifiedTime().toMillis()};
        } catch (NoSuchFileException e) {
            throw new FinetuneException("base snapshot " + base + " disappeared while the job was running", e);
        } catch (IOException e) {
            throw new FinetuneException("cannot read base snapshot " + base + ": " + e.getMessage(), e);
        }
    }
}
