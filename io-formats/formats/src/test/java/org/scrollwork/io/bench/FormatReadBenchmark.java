package org.scrollwork.io.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32;
import java.util.stream.Stream;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Read throughput of every format against {@code cat FILE > /dev/null} on the same bytes and, for TIFF, against
 * Python's tifffile ({@link #PYTHON}; Pillow's libtiff where tifffile lacks the codec, as it does for LZW
 * without imagecodecs) reading the same file inside one Python process, for OME-Zarr against zarr-python + numcodecs
 * reading the whole level-0 array ({@code arr[...]}; the open is timed apart and printed below the table), measured alternately in one run: each round
 * runs {@code cat}, the Scrollwork read and the Python read one after the other (these machines are noisy, so the
 * ratios are the numbers to trust). Every read is checked voxel for voxel (Scrollwork) or by CRC-32 of its voxels
 * (Python) against the written volume; a mismatch aborts the run. Times are medians of the rounds, after untimed
 * warm-up reads (Scrollwork: at least 3 and 1.5 s, for the JIT; Python: 2); the Python time is measured inside Python around the read alone (no interpreter
 * start, no imports). The load average is printed at the start and the end.
 *
 * <pre>
 * bin/bench io-formats/formats org.scrollwork.io.bench.FormatReadBenchmark 256 5 [tiff]
 * </pre>
 * Arguments: edge length of the cubic uint8 volume (default 256, i.e. 16 MiB), rounds (default 5), and optionally a
 * prefix of the case labels to run (e.g. {@code tiff}: the four TIFF cases; {@code ome-zarr}: the three OME-Zarr cases).
 */
public final class FormatReadBenchmark {

    private record Case(String label, Format format, String fileName, WriteOptions options) {}

    /**
     * The Python that runs the peer: {@code $SCROLLWORK_BENCH_PYTHON}, else {@code /usr/bin/python3}. Debian's tifffile has no
     * imagecodecs (no LZW); a venv with {@code --system-site-packages} and {@code pip install imagecodecs} gives it libtiff's
     * C codecs.
     */
    private static final String PYTHON = System.getenv().getOrDefault("SCROLLWORK_BENCH_PYTHON", "/usr/bin/python3");

    /**
     * The Python peer: a process that reads the file (TIFF) or the store's level-0 array (OME-Zarr, kind {@code zarr}) each time it
     * gets a line and answers {@code seconds crc32 openSeconds}. For zarr each request opens the group and its level-0 array
     * (timed apart, as {@code openSeconds}) and then times {@code arr[...]} alone; zarr-python 2 reads the chunks one after
     * the other, and numcodecs' blosc decodes each chunk with its global thread pool (blosc's thread count, printed) because
     * the peer calls it from the main thread; zstd decodes on one thread.
     */
    private static final String PEER = String.join("\n",
            "import sys, os, glob, time, zlib",
            "try:",
            "    import imagecodecs",
            "    codecs = 'imagecodecs ' + imagecodecs.__version__",
            "except ImportError:",
            "    codecs = 'no imagecodecs'",
            "import numpy as np",
            "path, kind = sys.argv[1], sys.argv[2]",
            "def by_tifffile():",
            "    import tifffile",
            "    if kind == 'slices':",
            "        return tifffile.imread(sorted(glob.glob(os.path.join(path, '*.tif'))))",
            "    return tifffile.imread(path)",
            "def by_pil():",
            "    from PIL import Image",
            "    im = Image.open(path)",
            "    out = np.empty((im.n_frames, im.height, im.width), np.uint8)",
            "    for i in range(im.n_frames):",
            "        im.seek(i)",
            "        out[i] = np.asarray(im)",
            "    return out",
            "def open_zarr():",
            "    import zarr",
            "    g = zarr.open_group(path, mode='r')",
            "    return g[g.attrs['multiscales'][0]['datasets'][0]['path']]",
            "if kind == 'zarr':",
            "    import zarr, numcodecs, numcodecs.blosc",
            "    name = 'zarr-python ' + zarr.__version__.split('+')[0]",
            "    info = 'zarr %s, numcodecs %s, blosc threads %d' % (zarr.__version__, numcodecs.__version__, numcodecs.blosc.get_nthreads())",
            "    open_zarr()[...]",
            "else:",
            "    info = codecs",
            "    read, name = by_tifffile, 'tifffile' + ('+imagecodecs' if codecs != 'no imagecodecs' else '')",
            "    try:",
            "        by_tifffile()",
            "    except Exception as e:",
            "        read, name = by_pil, 'PIL/libtiff'",
            "        read()",
            "print('peer', name + '\t' + info, flush=True)",
            "for line in sys.stdin:",
            "    if line.strip() == 'q': break",
            "    t_open = 0.0",
            "    if kind == 'zarr':",
            "        t0 = time.perf_counter()",
            "        arr = open_zarr()",
            "        t_open = time.perf_counter() - t0",
            "        read = lambda: arr[...]",
            "    t0 = time.perf_counter()",
            "    a = read()",
            "    t = time.perf_counter() - t0",
            "    print(t, zlib.crc32(np.ascontiguousarray(a).tobytes()), t_open, flush=True)");

    public static void main(String[] args) throws Exception {
        int edge = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String only = args.length > 2 ? args[2] : "";
        Path dir = Files.createTempDirectory("scrollwork-bench");
        try {
            run(dir, edge, rounds, only);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private static void run(Path dir, int edge, int rounds, String only) throws Exception {
        Volume<?> v = Volumes.copyToMemory(scanLike(edge));
        byte[] expected = (byte[]) readAll(v);
        CRC32 crc = new CRC32();
        crc.update(expected);
        long expectedCrc = crc.getValue();
        List<Case> cases = new ArrayList<>();
        for (Format f : Formats.all()) {
            String ext = f.extensions().isEmpty() ? "" : f.extensions().get(0);
            cases.add(new Case(f.name() + " (default)", f, "bench-" + f.name() + ext, WriteOptions.DEFAULTS));
        }
        addIfPresent(cases, "tiff", Compression.DEFLATE, ".tif");
        addIfPresent(cases, "tiff", Compression.LZW, ".tif");
        addIfPresent(cases, "ome-zarr", Compression.NONE, ".zarr");
        addIfPresent(cases, "ome-zarr", Compression.ZSTD, ".zarr");
        addIfPresent(cases, "nrrd", Compression.GZIP, ".nrrd");
        cases.removeIf(c -> !c.label.startsWith(only));
        List<String> notes = new ArrayList<>();
        System.out.printf("volume: %d^3 uint8 (%.1f MiB), %d rounds, medians; load average at start: %s; %d threads for the Java reads%n",
                edge, v.byteCount() / 1048576.0, rounds, loadAverage(), ForkJoinPool.getCommonPoolParallelism() + 1);
        System.out.printf("| %-22s | %8s | %9s | %8s | %-20s | %9s | %8s | %9s |%n",
                "format", "disk MiB", "read MB/s", "cat MB/s", "peer", "peer MB/s", "read/cat", "read/peer");
        System.out.println("|------------------------|---------:|----------:|---------:|----------------------|----------:|---------:|----------:|");
        for (Case c : cases) {
            Path p = dir.resolve(c.fileName);
            try {
                c.format.createWriter().write(p, List.of(v), c.options);
            } catch (RuntimeException e) {
                System.out.printf("| %-22s | skipped: %s%n", c.label, e.getMessage());
                continue;
            }
            long disk = sizeOf(p);
            boolean tiff = c.format.name().startsWith("tiff");
            boolean zarr = c.format.name().equals("ome-zarr");
            String kind = zarr ? "zarr" : c.format.name().equals("tiff-slices") ? "slices" : "stack";
            try (Peer peer = tiff || zarr ? Peer.start(p, kind) : null) {
                double[] read = new double[rounds];
                double[] cat = new double[rounds];
                double[] py = new double[rounds];
                double[] pyOpen = new double[rounds];
                // warm-up: the JIT compiles the read path (slowly on a loaded machine), so at least 3 reads and 1.5 s
                long warm = System.nanoTime();
                for (int k = 0; k < 20 && (k < 3 || System.nanoTime() - warm < 1_500_000_000L); k++) {
                    check(c, readAll(c.format.createReader().read(p)), expected);
                }
                for (int k = 0; peer != null && k < 2; k++) peer.read(expectedCrc);
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    catToDevNull(p);
                    long t1 = System.nanoTime();
                    Object got = readAll(c.format.createReader().read(p));
                    long t2 = System.nanoTime();
                    check(c, got, expected);
                    cat[r] = (t1 - t0) / 1e9;
                    read[r] = (t2 - t1) / 1e9;
                    if (peer != null) {
                        py[r] = peer.read(expectedCrc);
                        pyOpen[r] = peer.lastOpen;
                    }
                }
                double mb = v.byteCount() / 1e6;
                double readS = median(read);
                double catS = median(cat);
                String peerMb = peer == null ? "" : String.format("%.0f", mb / median(py));
                String ratio = peer == null ? "" : String.format("%.2f", median(py) / readS);
                System.out.printf("| %-22s | %8.1f | %9.0f | %8.0f | %-20s | %9s | %8.2f | %9s |%n", c.label, disk / 1048576.0,
                        mb / readS, disk / 1e6 / catS, peer == null ? "" : peer.name, peerMb, catS / readS * (mb / (disk / 1e6)), ratio);
                if (zarr) {
                    notes.add(String.format("%s: zarr-python open (group + multiscales + level-0 .zarray, not in its time) %.2f ms, arr[...] %.1f ms; %s",
                            c.label, median(pyOpen) * 1e3, median(py) * 1e3, peer.info));
                }
            }
        }
        for (String n : notes) System.out.println(n);
        System.out.println("read and peer MB/s count decoded voxel bytes; cat MB/s counts bytes on disk; read/cat = cat time / read time "
                + "scaled to equal bytes (1.0 = as fast as cat); read/peer = peer time / read time. Load average at end: " + loadAverage());
    }

    /** Fails unless every voxel read equals the written one (outside the timed read). */
    private static void check(Case c, Object got, byte[] expected) {
        if (!Arrays.equals((byte[]) got, expected)) throw new IllegalStateException(c.label + ": the read voxels differ from the written ones");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readAll(Volume<?> v) {
        long[] s = v.shape();
        return ChunkedVolumes.readBlock((Volume) v, new long[3], new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2])});
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b.length % 2 == 1 ? b[b.length / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A Python process reading one file on request (see {@link #PEER}). */
    private static final class Peer implements AutoCloseable {
        final Process proc;
        final BufferedReader out;
        final PrintWriter in;
        final String name;
        /** Versions and settings the peer reports (zarr: zarr, numcodecs and blosc's thread count). */
        final String info;
        /** Seconds the last {@link #read} spent opening the store before the timed read (zarr; 0 for TIFF). */
        double lastOpen;

        private Peer(Process proc, BufferedReader out, PrintWriter in, String name, String info) {
            this.proc = proc;
            this.out = out;
            this.in = in;
            this.name = name;
            this.info = info;
        }

        static Peer start(Path p, String kind) throws IOException {
            Process proc = new ProcessBuilder(PYTHON, "-c", PEER, p.toString(), kind).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(proc.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = out.readLine();
            if (first == null || !first.startsWith("peer ")) throw new IOException("python peer did not start: " + first);
            String[] nameInfo = first.substring(5).split("\t", 2);
            return new Peer(proc, out, in, nameInfo[0], nameInfo.length > 1 ? nameInfo[1] : "");
        }

        /** One read in Python: its seconds; fails unless its voxels' CRC-32 is {@code crc}. */
        double read(long crc) throws IOException {
            in.println("r");
            String line = out.readLine();
            if (line == null) throw new IOException("python peer ended");
            String[] f = line.trim().split(" ");
            lastOpen = f.length > 2 ? Double.parseDouble(f[2]) : 0;
            if (Long.parseLong(f[1]) != crc) throw new IllegalStateException(name + " read other voxels than were written (CRC-32 " + f[1] + ", expected " + crc + ")");
            return Double.parseDouble(f[0]);
        }

        @Override public void close() throws IOException {
            in.println("q");
            try {
                proc.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void addIfPresent(List<Case> cases, String name, Compression c, String ext) {
        Formats.byName(name).ifPresent(f -> cases.add(new Case(name + " " + c.cliName(), f, "bench-" + name + "-" + c.cliName() + ext,
                WriteOptions.DEFAULTS.withCompression(c))));
    }

    /** A scan-like uint8 volume: smooth structure plus detector noise, so codecs see realistic entropy. */
    static Volume<?> scanLike(int edge) {
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).beamEnergyKeV(54.0).build();
        return ChunkedVolumes.lazy(new long[] {edge, edge, edge}, new int[] {edge, edge, 1}, meta, (g, min, size) -> {
            byte[] a = new byte[size[0] * size[1]];
            SplittableRandom rnd = new SplittableRandom(min[2]);
            int i = 0;
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    double r = Math.hypot(x - edge / 2.0, y - edge / 2.0);
                    double sheet = 0.5 + 0.5 * Math.sin(r * 0.6 + min[2] * 0.02);
                    a[i++] = (byte) Math.max(0, Math.min(255, 40 + 120 * sheet + rnd.nextGaussian() * 8));
                }
            }
            return a;
        });
    }

    private static long sizeOf(Path p) throws IOException {
        if (Files.isRegularFile(p)) return Files.size(p);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Runs {@code cat} over every file of a file or directory tree, output to /dev/null. */
    private static void catToDevNull(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("sh", "-c", "find \"$1\" -type f -exec cat {} + > /dev/null", "sh", p.toString())
                .redirectErrorStream(true).start();
        proc.getInputStream().readAllBytes();
        if (proc.waitFor() != 0) throw new IOException("cat failed on " + p);
    }
}
