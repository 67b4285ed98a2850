package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.CorruptDataException;

/** A Zarr store in a local folder: a key is a file under it, opened only when it resolves inside the folder ({@link ZarrKeys#resolve}). */
public final class FileZarrStore implements ZarrStore {
    private final Path root;

    public FileZarrStore(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    @Override public Path path(String key) {
        return key.isEmpty() ? root : ZarrKeys.resolve(root, root, key);
    }

    @Override public Optional<byte[]> read(String key, long maxBytes) {
        Path f = path(key);
        try {
            if (Files.isDirectory(f)) throw new CorruptDataException(f, -1, "a directory where a file belongs");
            long len = Files.size(f);
            if (len > maxBytes) throw new CorruptDataException(f, -1, "file of " + len + " bytes is larger than the " + maxBytes + " it may hold");
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(f)) return Optional.empty();
            throw new UncheckedIOException("could not read " + f + ": " + e.getMessage(), e);
        }
    }

    @Override public String location() { return root.toString(); }
}
