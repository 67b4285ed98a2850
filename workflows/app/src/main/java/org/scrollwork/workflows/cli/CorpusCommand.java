package org.scrollwork.workflows.cli;

import picocli.CommandLine.Mixin;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork corpus DIR}: the records of a corpus as JSON, or what is at one index. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Prints a corpus's records as JSON (id, kind, offset, length, block bits, shape, padded shape, metadata), or what is at an index.")
public final class CorpusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(paramLabel = "DIR") Path dir;

    @Option(names = "--locate", paramLabel = "INDEX", description = "print the record, voxel coordinate, byte and role at this index")
    Long locate;

    @Override public Integer call() {
        try (Corpus corpus = Corpus.open(dir)) {
            if (locate == null) {
                spec.commandLine().getOut().println(corpus.toJson());
            } else {
                spec.commandLine().getOut().println(Json.write(location(corpus.locate(locate))));
            }
        }
        return 0;
    }

    /** JSON of a location: index, place (DATA, PADDING, GAP), and for data the record, kind, x, y, z, byte and role. */
    static ObjectNode location(Location l) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("index", l.index());
        o.put("place", l.place().name());
        if (l.place() == Location.Place.DATA || l.recordId() >= 0) {
            o.put("recordId", l.recordId());
            l.kind().ifPresent(k -> o.put("kind", k.name()));
            o.put("x", l.x());
            o.put("y", l.y());
            o.put("z", l.z());
            o.put("byte", l.byteInVoxel());
        }
        l.role().ifPresent(r -> o.put("role", r.name()));
        return o;
    }
}
