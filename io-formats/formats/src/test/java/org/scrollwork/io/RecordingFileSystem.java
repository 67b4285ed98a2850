package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * A test-only view of the default file system that records every file a reader opens (channels, streams, directory
 * listings, {@link Path#toFile()}), as the real path it resolves to with symbolic links followed. Readers take
 * {@link Path}s and open them through {@link Files} and {@link FileChannel}, which dispatch on the path's provider:
 * handing a reader {@link #wrap(Path) a path of this file system} records what it opens without any hook in the
 * readers. {@link #assertOpenedOnlyInside} then checks the rule of {@link InsideRoot}: nothing outside the root of
 * a store or folder was opened. A reader that mixes in paths of the default file system fails with
 * {@link ProviderMismatchException}, which the tests see as an untyped error.
 */
public final class RecordingFileSystem extends FileSystem {
    private static final FileSystem DEFAULT = FileSystems.getDefault();

    private final Provider provider = new Provider();
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    /** A path of this file system for {@code path} of the default one. */
    public Path wrap(Path path) {
        if (path instanceof Wrapped) return path;
        if (path.getFileSystem() != DEFAULT) throw new ProviderMismatchException(path.toString());
        return new Wrapped(this, path);
    }

    /** The real paths (default file system) opened so far, in order. */
    public List<Path> opened() { return List.copyOf(opened); }

    public void clear() { opened.clear(); }

    /**
     * Asserts that everything opened so far resolves inside {@code root} (a path of either file system), symbolic
     * links followed. (A clean read should also have opened something: see {@link #opened()}.)
     */
    public void assertOpenedOnlyInside(Path root, String what) {
        Path real;
        try {
            real = unwrap(root).toRealPath();
        } catch (IOException e) {
            throw new AssertionError(what + ": cannot resolve " + root, e);
        }
        for (Path p : opened()) assertTrue(p.startsWith(real), () -> what + " opened " + p + ", outside " + real);
    }

    static Path unwrap(Path p) {
        if (p instanceof Wrapped) return ((Wrapped) p).delegate;
        if (p.getFileSystem() == DEFAULT) return p;
        throw new ProviderMismatchException(p.toString());
    }

    private void record(Path delegate) {
        Path real;
        try {
            real = delegate.toRealPath();
        } catch (IOException e) {
            real = delegate.toAbsolutePath().normalize(); // does not exist (yet): where it would be
        }
        opened.add(real);
    }

    private Path wrapOrNull(Path delegate) { return delegate == null ? null : new Wrapped(this, delegate); }

    @Override public FileSystemProvider provider() { return provider; }
    @Override public void close() {}
    @Override public boolean isOpen() { return true; }
    @Override public boolean isReadOnly() { return false; }
    @Override public String getSeparator() { return DEFAULT.getSeparator(); }

    @Override public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        for (Path r : DEFAULT.getRootDirectories()) roots.add(wrap(r));
        return roots;
    }

    @Override public Iterable<FileStore> getFileStores() { return DEFAULT.getFileStores(); }
    @Override public Set<String> supportedFileAttributeViews() { return DEFAULT.supportedFileAttributeViews(); }
    @Override public Path getPath(String first, String... more) { return wrap(DEFAULT.getPath(first, more)); }

    @Override public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = DEFAULT.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(unwrap(p));
    }

    @Override public UserPrincipalLookupService getUserPrincipalLookupService() { return DEFAULT.getUserPrincipalLookupService(); }
    @Override public WatchService newWatchService() { throw new UnsupportedOperationException(); }

    /** A path of the recording file system: a default path inside. */
    private static final class Wrapped implements Path {
        final RecordingFileSystem fs;
        final Path delegate;

        Wrapped(RecordingFileSystem fs, Path delegate) {
            this.fs = fs;
            this.delegate = delegate;
        }

        private Path other(Path p) {
            if (!(p instanceof Wrapped) || ((Wrapped) p).fs != fs) throw new ProviderMismatchException(String.valueOf(p));
            return ((Wrapped) p).delegate;
        }

        @Override public FileSystem getFileSystem() { return fs; }
        @Override public boolean isAbsolute() { return delegate.isAbsolute(); }
        @Override public Path getRoot() { return fs.wrapOrNull(delegate.getRoot()); }
        @Override public Path getFileName() { return fs.wrapOrNull(delegate.getFileName()); }
        @Override public Path getParent() { return fs.wrapOrNull(delegate.getParent()); }
        @Override public int getNameCount() { return delegate.getNameCount(); }
        @Override public Path getName(int index) { return fs.wrapOrNull(delegate.getName(index)); }
        @Override public Path subpath(int begin, int end) { return fs.wrapOrNull(delegate.subpath(begin, end)); }

        @Override public boolean startsWith(Path other) {
            return other instanceof Wrapped && ((Wrapped) other).fs == fs && delegate.startsWith(((Wrapped) other).delegate);
        }

        @Override public boolean endsWith(Path other) {
            return other instanceof Wrapped && ((Wrapped) other).fs == fs && delegate.endsWith(((Wrapped) other).delegate);
        }

        @Override public Path normalize() { return fs.wrapOrNull(delegate.normalize()); }
        @Override public Path resolve(Path other) { return fs.wrapOrNull(delegate.resolve(other(other))); }
        @Override public Path relativize(Path other) { return fs.wrapOrNull(delegate.relativize(other(other))); }
        @Override public URI toUri() { return delegate.toUri(); }
        @Override public Path toAbsolutePath() { return fs.wrapOrNull(delegate.toAbsolutePath()); }
        @Override public Path toRealPath(LinkOption... options) throws IOException { return fs.wrapOrNull(delegate.toRealPath(options)); }

        /** Counted as an open: what reads a {@link File} bypasses the provider. */
        @Override public File toFile() {
            fs.record(delegate);
            return delegate.toFile();
        }

        @Override public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException();
        }

        @Override public int compareTo(Path other) { return delegate.compareTo(other(other)); }
        @Override public boolean equals(Object o) { return o instanceof Wrapped && ((Wrapped) o).fs == fs && ((Wrapped) o).delegate.equals(delegate); }
        @Override public int hashCode() { return delegate.hashCode(); }
        @Override public String toString() { return delegate.toString(); }
    }

    /** Dispatches to the default provider, recording what is opened. */
    private final class Provider extends FileSystemProvider {
        private FileSystemProvider inner() { return DEFAULT.provider(); }

        @Override public String getScheme() { return "recording"; }
        @Override public FileSystem newFileSystem(URI uri, Map<String, ?> env) { throw new UnsupportedOperationException(); }
        @Override public FileSystem getFileSystem(URI uri) { throw new UnsupportedOperationException(); }
        @Override public Path getPath(URI uri) { throw new UnsupportedOperationException(); }

        @Override public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            record(unwrap(path));
            return inner().newByteChannel(unwrap(path), options, attrs);
        }

        @Override public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            record(unwrap(path));
            return inner().newFileChannel(unwrap(path), options, attrs);
        }

        @Override public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
                ExecutorService executor, FileAttribute<?>... attrs) throws IOException {
            record(unwrap(path));
            return inner().newAsynchronousFileChannel(unwrap(path), options, executor, attrs);
        }

        @Override public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
            record(unwrap(path));
            return inner().newInputStream(unwrap(path), options);
        }

        @Override public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
            record(unwrap(path));
            return inner().newOutputStream(unwrap(path), options);
        }

        @Override public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
            record(unwrap(dir));
            DirectoryStream<Path> d = inner().newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override public Iterator<Path> iterator() {
                    Iterator<Path> it = d.iterator();
                    return new Iterator<>() {
                        @Override public boolean hasNext() { return it.hasNext(); }
                        @Override public Path next() { return wrap(it.next()); }
                    };
                }

                @Override public void close() throws IOException { d.close(); }
            };
        }

        @Override public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException { inner().createDirectory(unwrap(dir), attrs); }
        @Override public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
            inner().createSymbolicLink(unwrap(link), unwrap(target), attrs);
        }
        @Override public Path readSymbolicLink(Path link) throws IOException { return wrap(inner().readSymbolicLink(unwrap(link))); }
        @Override public void delete(Path path) throws IOException { inner().delete(unwrap(path)); }
        @Override public void copy(Path source, Path target, CopyOption... options) throws IOException {
            record(unwrap(source));
            inner().copy(unwrap(source), unwrap(target), options);
        }
        @Override public void move(Path source, Path target, CopyOption... options) throws IOException { inner().move(unwrap(source), unwrap(target), options); }
        @Override public boolean isSameFile(Path path, Path path2) throws IOException { return inner().isSameFile(unwrap(path), unwrap(path2)); }
        @Override public boolean isHidden(Path path) throws IOException { return inner().isHidden(unwrap(path)); }
        @Override public FileStore getFileStore(Path path) throws IOException { return inner().getFileStore(unwrap(path)); }
        @Override public void checkAccess(Path path, AccessMode... modes) throws IOException { inner().checkAccess(unwrap(path), modes); }

        @Override public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return inner().getFileAttributeView(unwrap(path), type, options);
        }

        @Override public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
            return inner().readAttributes(unwrap(path), type, options);
        }

        @Override public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
            return inner().readAttributes(unwrap(path), attributes, options);
        }

        @Override public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            inner().setAttribute(unwrap(path), attribute, value, options);
        }
    }
}
