package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork mask DIR}: marks a box of a volume or a range of a text held-out, validation or unknown. */
@Command(name = "mask", mixinStandardHelpOptions = true,
        description = "Marks a box of a volume record (or a byte range of a text record) held-out (never trained, used to evaluate), validation "
                + "(never trained, chooses when to stop) or unknown (to be predicted).")
public final class MaskCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(paramLabel = "DIR") Path dir;

    @Option(names = "--record", required = true, description = "record id") int record;

    @ArgGroup(exclusive = true, multiplicity = "1") Where where;

    @ArgGroup(exclusive = true, multiplicity = "1") Kind kind;

    static final class Where {
        @Option(names = "--box", split = ",", paramLabel = "x0,y0,z0,x1,y1,z1", description = "voxel box, ends exclusive") long[] box;
        @Option(names = "--range", split = ",", paramLabel = "FROM,TO", description = "byte range of a text record, end exclusive") long[] range;
    }

    static final class Kind {
        @Option(names = "--heldout", description = "never trained; used for evaluation") boolean heldOut;
        @Option(names = "--unknown", description = "to be predicted and rendered") boolean unknown;
        @Option(names = "--validation", description = "never trained; chooses settings and when training stops (train --patience), "
                + "so --heldout data stays an untouched test") boolean validation;
    }

    @Override public Integer call() {
        Box b;
        if (where.box != null) {
            b = Box.of(where.box);
        } else {
            if (where.range.length != 2) throw new IllegalArgumentException("--range needs two numbers FROM,TO");
            b = Box.range(where.range[0], where.range[1]);
        }
        Role role = kind.heldOut ? Role.HELD_OUT : kind.validation ? Role.VALIDATION : Role.UNKNOWN;
        try (Corpus corpus = Corpus.open(dir)) {
            CorpusWriting.begin(corpus, false, spec.commandLine().getErr());
            corpus.mask(record, b, role);
            json.human(spec).printf("record %d: %d voxels marked %s; corpus now has %d trainable, %d held-out, %d validation, %d unknown bytes%n",
                    record, b.voxels(), role, corpus.count(Role.TRAIN), corpus.count(Role.HELD_OUT), corpus.count(Role.VALIDATION), corpus.count(Role.UNKNOWN));
            ObjectNode j = json.object();
            j.put("corpus", dir.toString());
            j.put("record", record);
            j.put("box", b.toString());
            j.put("voxels", b.voxels());
            j.put("role", role.name());
            j.put("trainBytes", corpus.count(Role.TRAIN));
            j.put("heldOutBytes", corpus.count(Role.HELD_OUT));
            j.put("unknownBytes", corpus.count(Role.UNKNOWN));
            return json.emit(spec, j);
        }
    }
}
