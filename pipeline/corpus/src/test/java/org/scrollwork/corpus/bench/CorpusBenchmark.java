package org.scrollwork.corpus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.Random;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/**
 * Corpus benchmark harness; prints a table. Ingest throughput (in-memory and lazy volumes) beside a
 * plain {@link Files#copy} and a raw channel write of the same bytes (each followed by fsync),
 * random {@code byteAt} and {@code index(role, k)} latency, sequential bulk read throughput.
 *
 * <p>Usage: {@code java -Xmx3g -cp ... org.scrollwork.corpus.bench.CorpusBenchmark [workDir] [sizeMiB=512]}.
 * Reads run on a warm page cache (the segment was just written).
 */
public final class CorpusBenchmark {
    private CorpusBenchmark() {}

    private static long sink;

    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("corpus-bench");
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        long sx = 1024, sy = 1024, sz = (long) mib * (1 << 20) / (sx * sy * 2);
        long bytes = sx * sy * sz * 2;
        System.out.printf("corpus benchmark: uint16 volume %dx%dx%d (%d MiB), %d cores, java %s%n", sx, sy, sz, bytes >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        short[] voxels = new short[Math.toIntExact(sx * sy * sz)];
        for (int i = 0; i < voxels.length; i++) voxels[i] = (short) (i * 0x9E37 + (i >>> 10));
        Volume<?> mem = Volumes.wrap(voxels, new long[] {sx, sy, sz}, ScanMetadata.of(DataType.UINT16));
        Path dir = work.resolve("corpus");
        AtomicFiles.deleteTree(dir);
        AtomicFiles.deleteTree(work.resolve("lazy"));
        Row[] rows = new Row[9];
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            long t0 = System.nanoTime();
            CorpusRecord r = c.appendVolume(mem, RecordMeta.of("bench"), OptionalInt.empty());
            rows[0] = Row.mbps("ingest in-memory volume (appendVolume, fsync)", bytes, System.nanoTime() - t0);
            Path seg = dir.resolve(r.segment());
            Path copy = work.resolve("copy.dat");
            Files.deleteIfExists(copy);
            t0 = System.nanoTime();
            Files.copy(seg, copy);
            AtomicFiles.fsync(copy, false);
            rows[1] = Row.mbps("plain Files.copy of the segment (+fsync)", Files.size(seg), System.nanoTime() - t0);
            Files.delete(copy);
            byte[] raw = new byte[64 << 20];
            t0 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long done = 0; done < bytes; done += raw.length) ch.write(ByteBuffer.wrap(raw, 0, (int) Math.min(raw.length, bytes - done)));
                ch.force(true);
            }
            rows[2] = Row.mbps("raw FileChannel.write of as many bytes (+fsync)", bytes, System.nanoTime() - t0);
            Files.delete(copy);
            voxels = null;
            mem = null;

            try (Corpus lazy = Corpus.create(work.resolve("lazy"), CorpusOptions.defaults())) {
                long lz = Math.max(1, sz / 4);
                t0 = System.nanoTime();
                lazy.appendVolume(lazyVolume(sx, sy, lz), RecordMeta.of("bench"), OptionalInt.empty());
                rows[3] = Row.mbps("ingest lazy ChunkedVolumes volume (" + (sx * sy * lz * 2 >> 20) + " MiB)", sx * sy * lz * 2, System.nanoTime() - t0);
            }

            Random rnd = new Random(42);
            int n = 4_000_000;
            long train = c.count(Role.TRAIN);
            long[] ranks = new long[n];
            for (int i = 0; i < n; i++) ranks[i] = (long) (rnd.nextDouble() * train);
            long[] idx = new long[n];
            rows[4] = Row.ns("index(TRAIN, k), random k, no masks", n, time(() -> { for (int i = 0; i < n; i++) idx[i] = c.index(Role.TRAIN, ranks[i]); }));
            rows[5] = Row.ns("byteAt(index), random TRAIN index", n, time(() -> {
                long s = 0;
                for (int i = 0; i < n; i++) s += c.byteAt(idx[i]);
                sink += s;
            }));
            for (int k = 0; k < 8; k++) {
                long z0 = k * sz / 8;
                c.mask(r.id(), new Box(k * 100, k * 100, z0, k * 100 + 50, k * 100 + 60, z0 + Math.max(1, sz / 16)), k % 2 == 0 ? Role.HELD_OUT : Role.UNKNOWN);
            }
            long train2 = c.count(Role.TRAIN);
            for (int i = 0; i < n; i++) ranks[i] = (long) (rnd.nextDouble() * train2);
            rows[6] = Row.ns("index(TRAIN, k), random k, 8 mask boxes", n, time(() -> { for (int i = 0; i < n; i++) idx[i] = c.index(Role.TRAIN, ranks[i]); }));
            rows[7] = Row.ns("byteAt(index), random TRAIN index, 8 mask boxes", n, time(() -> {
                long s = 0;
                for (int i = 0; i < n; i++) s += c.byteAt(idx[i]);
                sink += s;
            }));
            byte[] buf = new byte[1 << 20];
            rows[8] = Row.gbps("read(index, 1 MiB buffer), sequential over the record", r.blockSize(), time(() -> {
                for (long p = r.offset(); p < r.end(); p += buf.length) {
                    c.read(p, buf, 0, (int) Math.min(buf.length, r.end() - p));
                    sink += buf[17];
                }
            }));
        }
        System.out.printf("%n| %-58s | %14s |%n|%s|%s|%n", "measure", "value", "-".repeat(60), "-".repeat(16));
        for (Row row : rows) System.out.printf("| %-58s | %14s |%n", row.name, row.value);
        System.out.println("(sink " + (sink & 1) + ")");
        AtomicFiles.deleteTree(dir);
        AtomicFiles.deleteTree(work.resolve("lazy"));
    }

    private static Volume<?> lazyVolume(long sx, long sy, long sz) {
        return ChunkedVolumes.lazy(new long[] {sx, sy, sz}, new int[] {(int) sx, (int) sy, 1}, ScanMetadata.of(DataType.UINT16), (g, min, size) -> {
            short[] a = new short[size[0] * size[1] * size[2]];
            for (int i = 0; i < a.length; i++) a[i] = (short) (i * 0x9E37 + min[2]);
            return a;
        }, 16L << 20);
    }

    /** Best of three runs, in nanoseconds. */
    private static long time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private record Row(String name, String value) {
        static Row mbps(String name, long bytes, long ns) { return new Row(name, String.format("%.0f MB/s", bytes / 1e6 / (ns / 1e9))); }

        static Row ns(String name, int ops, long ns) { return new Row(name, String.format("%.0f ns/op", (double) ns / ops)); }

        static Row gbps(String name, long bytes, long ns) { return new Row(name, String.format("%.2f GB/s", bytes / 1e9 / (ns / 1e9))); }
    }
}
