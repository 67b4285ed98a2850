package org.scrollwork.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;

/**
 * The corpus: one append-only list of bytes addressed by absolute index in {@code [0, 2^indexBits)},
 * stored in a directory of immutable segment files and a manifest (format: {@code pipeline/corpus/CORPUS.md}).
 *
 * <p>Every append writes a METADATA record (UTF-8 JSON describing the data) followed by the data
 * record (VOLUME or TEXT). Each record starts at a multiple of its block size, a power of two, and
 * the low bits of an index inside a volume record split exactly into {@code [z | y | x | byte]}.
 * Padding costs index space only. Reads go through memory-mapped segments: {@link #byteAt} is a
 * binary search over record offsets plus bit arithmetic and one memory access.
 *
 * <p>Concurrency: a Corpus reads the manifest once when opened and sees that state until its own
 * appends replace it. One writer per directory (an OS file lock taken at the first append or
 * mask); any number of readers in other processes see the old or the new state, never a torn one.
 * Crash safety: data is written to a new segment file under a temporary name, synced and renamed before the
 * manifest naming it is atomically replaced; a crash loses at most the append in progress, whose leftover
 * files the next writer deletes ({@link #leftoversRemoved()}).
 */
public final class Corpus implements IndexedByteSource, AutoCloseable {
    static final String MANIFEST = "manifest.json";
    static final String LOCK = "lock";

    /** How {@link #open(Path, OpenMode)} treats segments shorter than committed. */
    public enum OpenMode {
        /** Fail with {@link CorruptCorpusException} naming the first damaged segment. */
        STRICT,
        /** Open anyway: undamaged records read normally, reads of missing bytes throw {@link CorruptCorpusException}. */
        SALVAGE
    }

    private final Path dir;
    private final OpenMode mode;
    private final int windowBits;
    private volatile CorpusState state;
    private WriterLock lock;
    private List<String> leftoversRemoved = List.of();

    private Corpus(Path dir, OpenMode mode, int windowBits, CorpusState state) {
        this.dir = dir;
        this.mode = mode;
        this.windowBits = windowBits;
        this.state = state;
    }

    /** Creates an empty corpus in {@code dir} (created if absent; must not already hold a corpus) and opens it. */
    public static Corpus create(Path dir, CorpusOptions options) {
        createDirectory(dir);
        WriterLock l = WriterLock.acquire(dir);
        try {
            if (Files.exists(dir.resolve(MANIFEST))) throw new IllegalStateException(dir + " already holds a corpus");
            return createLocked(dir, options, l);
        } catch (RuntimeException | Error e) {
            l.close();
            throw e;
        }
    }

    /**
     * Opens the corpus in {@code dir} as its writer, creating it with {@code options} when the directory holds none.
     * The writer lock is taken first, so two processes creating the same corpus cannot both create it; leftovers of
     * an interrupted writer are deleted ({@link #leftoversRemoved()}).
     *
     * @param wait wait for another writer to finish rather than fail
     * @throws CorpusBusyException when another writer holds the lock and {@code wait} is false
     */
    public static Corpus openOrCreateForWriting(Path dir, CorpusOptions options, boolean wait) {
        createDirectory(dir);
        WriterLock l = wait ? WriterLock.await(dir) : WriterLock.acquire(dir);
        try {
            if (!Files.exists(dir.resolve(MANIFEST))) return createLocked(dir, options, l);
            Corpus c = new Corpus(dir, OpenMode.STRICT, MappedSegment.DEFAULT_WINDOW_BITS, readState(dir, OpenMode.STRICT, Map.of(), MappedSegment.DEFAULT_WINDOW_BITS));
            c.lock = l;
            c.leftoversRemoved = List.copyOf(Leftovers.delete(dir, c.state.manifest));
            return c;
        } catch (RuntimeException | Error e) {
            l.close();
            throw e;
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create corpus directory " + dir, e);
        }
    }

    /** Writes the empty manifest of a new corpus; the caller holds the writer lock {@code l}, which the corpus keeps. */
    private static Corpus createLocked(Path dir, CorpusOptions options, WriterLock l) {
        Corpus c = new Corpus(dir, OpenMode.STRICT, MappedSegment.DEFAULT_WINDOW_BITS, null);
        c.lock = l;
        Manifest m = Manifest.empty(options.indexBits());
        byte[] bytes = ManifestCodec.encode(m);
        AtomicFiles.writeBytes(dir.resolve(MANIFEST), bytes);
        c.state = CorpusState.load(dir, m, ManifestCodec.checksumOf(bytes), Map.of(), true, c.windowBits);
        return c;
    }

    /** Opens an existing corpus strictly: manifest checksum and every segment's size are checked. */
    public static Corpus open(Path dir) { return open(dir, OpenMode.STRICT); }

    public static Corpus open(Path dir, OpenMode mode) { return open(dir, mode, MappedSegment.DEFAULT_WINDOW_BITS); }

    /** As {@link #open(Path, OpenMode)} with segments mapped in windows of {@code 2^windowBits} bytes (12..30). */
    static Corpus open(Path dir, OpenMode mode, int windowBits) {
        return new Corpus(dir, mode, windowBits, readState(dir, mode, Map.of(), windowBits));
    }

    private static CorpusState readState(Path dir, OpenMode mode, Map<String, MappedSegment> reuse, int windowBits) {
        Path mf = dir.resolve(MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(mf);
        } catch (NoSuchFileException e) {
            throw new CorruptCorpusException(mf, -1, "no corpus manifest in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mf, e);
        }
        Manifest m = ManifestCodec.decode(mf, bytes);
        return CorpusState.load(dir, m, ManifestCodec.checksumOf(bytes), reuse, mode == OpenMode.STRICT, windowBits);
    }

    public Path directory() { return dir; }

    /** All records (METADATA and data) in id order, which is offset order. */
    public List<CorpusRecord> records() { return state.manifest.records(); }

    /** The record with this id. */
    public CorpusRecord record(int id) {
        List<CorpusRecord> r = records();
        if (id < 0 || id >= r.size()) throw new IllegalArgumentException("no record " + id + " (corpus has " + r.size() + ")");
        return r.get(id);
    }

    public List<Mask> masks() { return state.manifest.masks(); }

    @Override public int indexBits() { return state.manifest.indexBits(); }

    /** Record blocks, voxel grids and physical frames, from the manifest ({@link CorpusLayout}). */
    @Override public org.scrollwork.aunn.data.IndexLayout layout() { return CorpusLayout.of(state.manifest.records()); }

    /** Number of bytes with this role; O(1). METADATA records count as TRAIN. */
    @Override public long count(Role role) { return state.roleIndex.count(role); }

    /** The k-th index of this role in increasing order; O(log records + masks of the record hit). */
    @Override public long index(Role role, long k) { return state.roleIndex.index(role, k); }

    /**
     * The byte at a TRAIN or HELD_OUT index; O(log records).
     *
     * @throws IllegalArgumentException for gaps, padding, UNKNOWN bytes or indices outside the space
     * @throws CorruptCorpusException if the byte's segment is shorter than committed (SALVAGE mode)
     */
    @Override public int byteAt(long index) { return state.byteAt(index); }

    /**
     * Copies the bytes at indices {@code [index, index + len)} into {@code dst[off..]}; padding, gaps and
     * UNKNOWN bytes read as 0. One memory copy per real row run.
     */
    public void read(long index, byte[] dst, int off, int len) { state.read(index, dst, off, len); }

    /** What lies at an index: record, coordinate and role, or padding, or a gap. O(log records). */
    public Location locate(long index) { return state.locate(index); }

    /**
     * The fingerprint of the corpus's content, {@code "content-sha256:"} + 64 hex digits (CORPUS.md rules F1-F6): the
     * SHA-256 of the manifest body less provenance and storage. It counts every record's kind, position in the index
     * space ({@code offset}, block bits, shape, padded shape, {@code paddedVoxelBytes}, {@code alignedWith}), data
     * type, stored bytes (through their length and CRC32C) and metadata ({@code modality, scrollId, scanId,
     * voxelSizeUm, beamEnergyKeV, resolutionLevel}), in id order, and every mask (record, role, box) in any order of
     * committing. It leaves out {@code sourcePath} and {@code sourceChecksum} (provenance), segment names and
     * offsets (storage), and what of a METADATA record follows from its provenance-bearing bytes (length, CRC,
     * shape, block). So the same voxels, texts and masks ingested from other files give the same fingerprint, as
     * long as they land at the same indices (rule F5). Computed from the manifest once per committed state (no data is
     * read); a damaged segment does not change it, {@link #verify()} finds that.
     *
     * <p>Snapshots taken before this rule recorded {@link #legacyFingerprint()}; {@link #matchesFingerprint}
     * accepts both.
     */
    @Override public String fingerprint() { return state.fingerprint(); }

    /**
     * The fingerprint, by the rule of {@link #fingerprint()}, of the records {@code [0, endRecord)} and their masks
     * (for a view of the corpus that trains on a prefix of it). Equals {@link #fingerprint()} for all records.
     */
    public String fingerprint(int endRecord) {
        CorpusState s = state;
        Manifest m = s.manifest;
        if (endRecord < 0 || endRecord > m.records().size()) throw new IllegalArgumentException("no records [0, " + endRecord + ") in a corpus of " + m.records().size());
        if (endRecord == m.records().size()) return s.fingerprint();
        return ContentFingerprint.of(m.indexBits(), m.records().subList(0, endRecord),
                m.masks().stream().filter(k -> k.recordId() < endRecord).toList());
    }

    /**
     * The fingerprint by the rule before {@link #fingerprint()}'s: {@code "crc32c:XXXXXXXX"}, the manifest checksum
     * (rule M2), which also changes with source paths and checksums. Snapshots and run markers written before
     * content fingerprints recorded it.
     */
    public String legacyFingerprint() { return "crc32c:" + state.checksum; }

    /** Whether {@code recorded} is this state's {@link #fingerprint()} or its {@link #legacyFingerprint()}, so runs recorded with either continue. */
    @Override public boolean matchesFingerprint(String recorded) {
        CorpusState s = state;
        return s.fingerprint().equals(recorded) || ("crc32c:" + s.checksum).equals(recorded);
    }

    /** Reads every record and checks its CRC32C; damaged records are listed, the rest stay readable. */
    public VerifyReport verify() { return Verifier.verify(dir, state.manifest); }

    /** A JSON view of the corpus for people and the CLI: index bits, fingerprint, role counts, records, masks. */
    public String toJson() { return CorpusJson.describe(this, state.manifest); }

    /** Appends a volume described by its own scan metadata, modality {@code "ct"}. */
    public CorpusRecord appendVolume(Volume<?> volume) {
        return appendVolume(volume, RecordMeta.of("ct", volume.meta()), OptionalInt.empty());
    }

    /**
     * Appends a METADATA record and then the volume, streamed slice by slice (memory: one slice).
     *
     * @param alignWith a VOLUME or TEXT record whose padded shape and voxel width this record takes,
     *                  so their indices differ only in the block bits; the volume must fit inside it
     * @return the volume record
     */
    public CorpusRecord appendVolume(Volume<?> volume, RecordMeta meta, OptionalInt alignWith) {
        Extent shape = Extent.of(volume.shape());
        return append(RecordKind.VOLUME, shape, volume.dataType(), meta, alignWith, w -> VolumeIngest.write(volume, w));
    }

    /** Appends a METADATA record and then the text as UTF-8. */
    public CorpusRecord appendText(String text, RecordMeta meta) {
        return appendText(text.getBytes(StandardCharsets.UTF_8), meta, OptionalInt.empty());
    }

    /** Appends a METADATA record and then the bytes as a TEXT record (non-empty). */
    public CorpusRecord appendText(byte[] utf8, RecordMeta meta, OptionalInt alignWith) {
        if (utf8.length == 0) throw new IllegalArgumentException("empty text");
        byte[] copy = utf8.clone();
        return append(RecordKind.TEXT, new Extent(copy.length, 1, 1), DataType.UINT8, meta, alignWith, w -> w.write(copy));
    }

    private synchronized CorpusRecord append(RecordKind kind, Extent shape, DataType dtype, RecordMeta meta, OptionalInt alignWith,
            Consumer<SegmentWriter> data) {
        becomeWriter();
        Manifest m = state.manifest;
        List<CorpusRecord> planned = Placement.plan(m, kind, shape, dtype, meta, alignWith);
        CorpusRecord metaRec = planned.get(0);
        CorpusRecord dataRec = planned.get(1);
        byte[] metaBytes = MetaJson.metadataRecordBytes(dataRec.id(), kind, dtype, shape, dataRec.paddedShape(), dataRec.alignedWith(), meta);
        Path segPath = dir.resolve(metaRec.segment());
        Path tmpPath = Leftovers.temporary(segPath);
        long metaCrc;
        long dataCrc;
        long total;
        try (SegmentWriter w = new SegmentWriter(tmpPath)) {
            w.beginRecord();
            w.write(metaBytes);
            metaCrc = w.recordCrc();
            w.beginRecord();
            data.accept(w);
            dataCrc = w.recordCrc();
            total = w.position();
            if (total != metaBytes.length + dataRec.length()) {
                throw new IllegalStateException("wrote " + (total - metaBytes.length) + " data bytes, expected " + dataRec.length());
            }
            w.finish();
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmpPath);
            throw e;
        }
        rename(tmpPath, segPath);
        CorpusRecord mr = Placement.withStorage(metaRec, 0, metaCrc);
        CorpusRecord dr = Placement.withStorage(dataRec, metaBytes.length, dataCrc);
        commit(m.withAppend(new SegmentInfo(metaRec.segment(), total), List.of(mr, dr)));
        return dr;
    }

    /** Marks a box of a record HELD_OUT or UNKNOWN; the box must lie in the record and not overlap its other masks. */
    public synchronized void mask(int recordId, Box box, Role role) {
        becomeWriter();
        CorpusRecord r = record(recordId);
        Mask mask = new Mask(recordId, box, role);
        if (!box.within(r.shape())) throw new IllegalArgumentException("mask " + box + " outside record " + recordId + " of shape " + r.shape());
        for (Mask o : state.manifest.masks()) {
            if (o.recordId() == recordId && o.box().intersects(box)) throw new IllegalArgumentException("mask " + box + " overlaps existing mask " + o);
        }
        commit(state.manifest.withMask(mask));
    }

    /**
     * Marks many boxes of a record with one role in one commit (e.g. scattered held-out voxels, one box per run of them
     * along x); each box must lie in the record and no two boxes of the record, new or existing, may overlap. Overlaps are
     * found row by row when there are many boxes, so thousands of boxes cost one manifest write, not one each.
     */
    public synchronized void mask(int recordId, List<Box> boxes, Role role) {
        becomeWriter();
        CorpusRecord r = record(recordId);
        Manifest next = state.manifest;
        List<Box> existing = new ArrayList<>();
        for (Mask o : next.masks()) if (o.recordId() == recordId) existing.add(o.box());
        for (Box b : boxes) {
            new Mask(recordId, b, role); // checks the role
            if (!b.within(r.shape())) throw new IllegalArgumentException("mask " + b + " outside record " + recordId + " of shape " + r.shape());
        }
        MaskOverlaps.check(existing, boxes);
        List<Mask> added = new ArrayList<>(boxes.size());
        for (Box b : boxes) added.add(new Mask(recordId, b, role));
        commit(next.withMasks(added));
    }

    /** Marks bytes {@code [from, to)} of a text (or metadata) record. */
    public void mask(int recordId, long from, long to, Role role) { mask(recordId, Box.range(from, to), role); }

    private void commit(Manifest next) {
        byte[] bytes = ManifestCodec.encode(next);
        AtomicFiles.writeBytes(dir.resolve(MANIFEST), bytes);
        state = CorpusState.load(dir, next, ManifestCodec.checksumOf(bytes), state.segments, mode == OpenMode.STRICT, windowBits);
    }

    /** Takes the writer lock once (failing when another writer holds it), as {@link #lockForWriting(boolean)}. */
    private void becomeWriter() {
        lockForWriting(false);
    }

    /**
     * Makes this Corpus the writer: takes the writer lock, re-reads the committed state and deletes what an
     * interrupted writer left (see {@link #leftoversRemoved()}). Appends and masks do this themselves at
     * first use; call it first to wait for another writer or to report the leftovers before writing.
     *
     * @param wait wait until another writer releases the lock rather than fail
     * @return the names of the leftover files deleted now (empty when this Corpus already was the writer)
     * @throws CorpusBusyException when another writer holds the lock and {@code wait} is false
     */
    public synchronized List<String> lockForWriting(boolean wait) {
        if (lock != null) return List.of();
        lock = wait ? WriterLock.await(dir) : WriterLock.acquire(dir);
        state = readState(dir, mode, state.segments, windowBits);
        leftoversRemoved = List.copyOf(Leftovers.delete(dir, state.manifest));
        return leftoversRemoved;
    }

    /**
     * Files an interrupted writer left that this Corpus deleted when it became the writer: segments under a
     * temporary name, segments the manifest does not name, temporary manifests. Empty before it wrote.
     */
    public List<String> leftoversRemoved() { return leftoversRemoved; }

    /** Renames a finished segment to its committed name before the manifest names it. */
    private void rename(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.fsync(dir, true);
        } catch (IOException e) {
            deleteQuietly(from);
            throw new UncheckedIOException("cannot rename segment " + from + " to " + to.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the next writer deletes orphan segments anyway
        }
    }

    /** Releases the writer lock (if taken). Mapped segments are released by the garbage collector. */
    @Override public synchronized void close() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
