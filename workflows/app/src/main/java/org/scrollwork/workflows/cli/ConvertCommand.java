package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanSource;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;
import org.scrollwork.io.zarr.Pyramids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork convert IN OUT}: any supported format to any other, keeping voxels and metadata. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a scan between formats, keeping voxels and metadata. Every pyramid level is kept when the output format stores levels.",
                "IN may be the http:// or https:// URL of an OME-Zarr store: its metadata is fetched, then the chunks of the levels converted",
                "(give --level to fetch one level only); convert once to a local store, then work on that."})
public final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(index = "0", paramLabel = "IN", converter = ScanSourceConverter.class,
            description = "a scan in any supported format, a volume package, or the http(s):// URL of an OME-Zarr store") ScanSource given;

    @Mixin VolumeChoice volume;

    @Parameters(index = "1", paramLabel = "OUT") Path out;

    @Option(names = "--format", description = "output format (default: from OUT's extension): ${COMPLETION-CANDIDATES}",
            completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--compression", description = "none, lzw, deflate, gzip, zstd, blosc-lz4, blosc-zstd (default: the format's)")
    String compression;

    @Option(names = "--chunk", split = ",", paramLabel = "X,Y,Z", description = "chunk shape for chunked formats")
    int[] chunk;

    @Option(names = "--level", description = "convert only this resolution level (default: all levels)")
    Integer level;

    @Option(names = "--pyramid", paramLabel = "N",
            description = "write N levels, each a 2×2×2 mean of the one above, built from the finest input level (e.g. 6 for the Vesuvius OME-Zarr layout)")
    Integer pyramid;

    @Option(names = "--parents", description = "create OUT's folder (and its parents) when it does not exist")
    boolean parents;

    @Override public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path outDir = out.toAbsolutePath().getParent();
        if (!parents && outDir != null && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException(outDir + ": no such folder for OUT " + out + " (create it, or give --parents)");
        }
        if (given.isUrl() && volume.volume != null) throw new IllegalArgumentException("--volume chooses a volume of a local .volpkg, not of a URL");
        ScanSource in = given.isUrl() ? given : ScanSource.of(volume.resolveScan(given.path()));
        Format inFormat = in.isUrl() ? null : Formats.detect(in.path());
        Format outFormat = format != null
                ? Formats.byName(format).orElseThrow(() -> new UnsupportedFormatException(out, "unknown format '" + format + "'"))
                : Formats.forOutput(out);
        DatasetInfo info = in.isUrl() ? Formats.info(in.url()) : inFormat.createParser().parse(in.path());
        List<Volume<?>> levels = new ArrayList<>();
        if (level != null) {
            levels.add(Formats.read(in, level));
        } else {
            for (int i = 0; i < info.levels().size(); i++) levels.add(Formats.read(in, i));
        }
        if (pyramid != null) {
            if (pyramid < 1) throw new IllegalArgumentException("--pyramid needs at least 1 level");
            levels = new ArrayList<>(Pyramids.build(levels.get(0), pyramid));
        }
        WriteOptions opts = WriteOptions.DEFAULTS;
        if (compression != null) opts = opts.withCompression(Compression.parse(compression));
        if (chunk != null) {
            if (chunk.length != 3) throw new IllegalArgumentException("--chunk needs three numbers X,Y,Z");
            opts = opts.withChunkShape(chunk[0], chunk[1], chunk[2]);
            long[] s = levels.get(0).shape();
            if (chunk[0] > s[0] || chunk[1] > s[1] || chunk[2] > s[2]) {
                err.printf("scrollwork: --chunk %d,%d,%d is larger than the volume (%d x %d x %d): chunks are clamped to %d,%d,%d%n",
                        chunk[0], chunk[1], chunk[2], s[0], s[1], s[2], Math.min(chunk[0], s[0]), Math.min(chunk[1], s[1]), Math.min(chunk[2], s[2]));
            }
        }
        List<String> stale = AtomicFiles.removeStaleTemporaries(out);
        if (!stale.isEmpty()) err.println("scrollwork: removed " + stale.size() + " temporary file(s) an interrupted convert left beside " + out + ": " + String.join(", ", stale));
        outFormat.createWriter().write(out, levels, opts);
        long[] shape = levels.get(0).shape();
        long onDisk = bytesOnDisk(out);
        json.human(spec).printf("wrote %s (%s, %d level%s): %d×%d×%d %s, %d bytes of voxels, %d bytes on disk%n", out, outFormat.name(), levels.size(),
                levels.size() == 1 ? "" : "s", shape[0], shape[1], shape[2], levels.get(0).dataType().numpyName(), levels.get(0).byteCount(), onDisk);
        ObjectNode j = json.object();
        j.put("input", in.toString());
        j.put("output", out.toString());
        j.put("format", outFormat.name());
        j.put("levels", levels.size());
        Json.meta(j, levels.get(0).meta());
        j.set("shape", Json.longs(shape));
        j.put("voxelBytes", levels.get(0).byteCount());
        j.put("bytesOnDisk", onDisk);
        return json.emit(spec, j);
    }

    /** The size of a written file, or of every file under a written folder. */
    static long bytesOnDisk(Path p) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(p)) {
            long n = 0;
            for (Path f : s.filter(java.nio.file.Files::isRegularFile).toList()) n += java.nio.file.Files.size(f);
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot measure " + p + ": " + e.getMessage(), e);
        }
    }

    /** Names of the registered formats, for help text. */
    static final class FormatNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        FormatNames() {
            Formats.all().forEach(f -> add(f.name()));
        }
    }
}
