package org.scrollwork.workflows.cli;

import java.util.List;
import java.util.Locale;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.run.HoldOutAxis;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How the AUNN reads an index, on the command line: {@code --embedding geometry|bits} and the grid's settings. */
public final class EmbeddingOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--embedding", defaultValue = "geometry", description = "how the AUNN reads an index: geometry (learned grids over the scan's "
            + "physical frame; the default) or bits (the seed's ±1 index bits)") String embedding;

    @Option(names = "--grid", paramLabel = "CELLS", description = "with geometry: grid levels as cell edges in voxels, x×y×z each in the scan's axes, comma-separated "
            + "(default 1x1x32,1x1x8,4x4x4,8x8x8: full-resolution x-y grids pooling 32 and 8 slices along the scroll axis, and coarse 3-D grids; "
            + "for a single slice 8x8x8,4x4x4,2x2x2)")
    String grid;

    @Option(names = "--grid-features", defaultValue = "2", description = "with geometry: learned features per grid vertex (default ${DEFAULT-VALUE})")
    int features;

    @Option(names = "--grid-table-bits", defaultValue = "16", description = "with geometry: log2 of the rows of each grid level's table; a "
            + "level with more vertices is hashed into it (default ${DEFAULT-VALUE}; 15 trains faster, collides sooner)") int tableBits;

    @Option(names = "--fourier", defaultValue = "0", description = "with geometry: octaves of Fourier features of the position (default ${DEFAULT-VALUE})")
    int fourier;

    @Option(names = "--grid-basis", paramLabel = "linear|bspline", description = "with geometry: how features are read between grid vertices: "
            + "linear (trilinear, 8 vertices) or bspline (a cubic B-spline along each axis whose cells are longer than a voxel; "
            + "smooth between the planes a run holds out; default: the default grids' basis)")
    GeometrySpec.Basis basis;

    @Option(names = "--channel-dim", defaultValue = "8", description = "with geometry: size of the learned record-channel embedding, 0 = none "
            + "(default ${DEFAULT-VALUE})") int channelDim;

    /** The encoding chosen; a misspelt name or grid is a usage error. */
    public EncodingSpec encoding() { return encoding(HoldOutAxis.Z, false); }

    /**
     * The encoding chosen, for a run that holds out planes along {@code axis}: grid cells are given in the scan's
     * axes and swapped as the record stores the region ({@link HoldOutAxis#recordGrids}). Without {@code --grid}, a
     * region one slice deep ({@code singleSlice}) gets {@link TrainingDefaults#singleSliceGeometry()}.
     */
    public EncodingSpec encoding(HoldOutAxis axis, boolean singleSlice) {
        return encoding(axis, singleSlice ? TrainingDefaults.singleSliceGeometry() : GeometrySpec.defaults());
    }

    private EncodingSpec encoding(HoldOutAxis axis, GeometrySpec d) {
        switch (embedding.toLowerCase(Locale.ROOT)) {
            case "bits": return EncodingSpec.binary();
            case "geometry": break;
            default: throw new CommandLine.ParameterException(spec.commandLine(), "--embedding must be geometry or bits, not '" + embedding + "'");
        }
        try {
            List<GeometrySpec.GridLevel> levels = axis.recordGrids(grid == null ? d.levels() : GeometrySpec.parseLevels(grid));
            return EncodingSpec.geometry(new GeometrySpec(levels, features, tableBits, fourier, channelDim, d.lrMultiplier(), basis == null ? d.basis() : basis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
