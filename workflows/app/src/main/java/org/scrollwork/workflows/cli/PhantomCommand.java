package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.GreekCorpusFetcher;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork phantom}: a synthetic rolled scroll with exact ground truth. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
        header = "Generates a synthetic scroll with Greek ink and its ground truth.",
        description = {"Generates a synthetic carbonized scroll with Greek ink: scans at two resolutions and two beam energies,",
                "papyrus, ink and letter label volumes, the sheet's written surface as a Vesuvius Challenge segment",
                "(segment/recto-<voxel>/: layers/*.tif, ink labels and mask as PNG), and the ground truth (text, letter positions)",
                "as JSON. Same seed, same bytes."})
public final class PhantomCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Option(names = "--out", required = true, description = "output directory") Path out;

    @Option(names = "--size", split = ",", paramLabel = "X,Y,Z", description = "fine scan size in voxels (default 96,96,64)")
    int[] size;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--text", paramLabel = "FILE", description = {"UTF-8 Greek text to write in ink (default: the opening of John from the SBL Greek New Testament when the",
                    "language prior's corpus is installed (scrollwork lm train fetches it), else the opening of Plato's Apology)"})
    Path text;

    @Option(names = "--format", defaultValue = "ome-zarr", description = "volume format (default ${DEFAULT-VALUE})") String format;

    @Option(names = "--realistic", description = "two statistics of real scans the default phantom lacks: contrast drifting by ±15 %% across "
            + "the volume and in-plane correlated detector noise (PhantomConfig.realistic)") boolean realistic;

    @Override public Integer call() {
        PhantomConfig config = config(size, seed, text);
        if (realistic) {
            PhantomConfig r = PhantomConfig.realistic();
            config = config.toBuilder().contrastDrift(r.contrastDrift()).noiseCorrelation(r.noiseCorrelation()).build();
        }
        Format f = Formats.byName(format).orElseThrow(() -> new UnsupportedFormatException(out, "unknown format '" + format + "'"));
        long t0 = System.nanoTime();
        Phantom phantom = PhantomGenerator.generate(config);
        List<Path> written = PhantomWriter.write(phantom, out, f);
        double seconds = (System.nanoTime() - t0) / 1e9;
        json.human(spec).printf("phantom %s: %d letters, %d files in %s (%.1f s)%n", phantom.groundTruth().scrollId(),
                phantom.groundTruth().text().length(), written.size(), out, seconds);
        ObjectNode j = json.object();
        j.put("scrollId", phantom.groundTruth().scrollId());
        j.put("seed", seed);
        j.set("shape", Json.longs(phantom.fine().shape()));
        j.put("letters", phantom.groundTruth().text().length());
        j.put("seconds", seconds);
        var files = j.putArray("files");
        for (Path p : written) files.add(p.toString());
        return json.emit(spec, j);
    }

    /** The phantom configuration for CLI options (null = default). */
    static PhantomConfig config(int[] size, long seed, Path text) {
        return config(size, seed, text, GreekCorpusFetcher.withDefaultCache().sblgntPath());
    }

    /** As {@link #config(int[], long, Path)}, the default text taken from the SBLGNT at {@code sblgnt} (null or absent: the built-in text). */
    static PhantomConfig config(int[] size, long seed, Path text, Path sblgnt) {
        PhantomConfig c = size == null ? PhantomConfig.defaults() : PhantomConfig.forSize(dim(size, 0), dim(size, 1), dim(size, 2));
        c = c.withSeed(seed);
        if (text != null) {
            c = c.withText(org.scrollwork.io.Utf8Text.read(text));
        } else {
            String passage = sblgnt == null ? null : corpusPassage(sblgnt);
            if (passage != null) c = c.withText(passage);
        }
        return c;
    }

    /** Letters of John (book 43) from the cached SBLGNT, or null when it is not installed (nothing is downloaded here). */
    public static String corpusPassage(Path sblgnt) {
        if (!Files.isRegularFile(sblgnt)) return null;
        return GreekCorpus.fromSqlite(sblgnt).books().stream().filter(b -> b.number() == JOHN).findFirst()
                .map(b -> b.letters().substring(0, Math.min(PASSAGE_LETTERS, b.letters().length()))).orElse(null);
    }

    private static final int JOHN = 43;
    private static final int PASSAGE_LETTERS = 2000;

    private static int dim(int[] size, int i) {
        if (size.length != 3) throw new IllegalArgumentException("--size needs three numbers X,Y,Z");
        return size[i];
    }
}
