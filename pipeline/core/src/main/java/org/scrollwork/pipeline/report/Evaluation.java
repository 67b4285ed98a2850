package org.scrollwork.pipeline.report;

import java.util.List;

/**
 * What a held-out evaluation measured: the fields of {@value ReconstructionReport#EVALUATION} after the run's
 * {@link ReportFacts}, and what the report page reads of them. Fields added after the first reports are boxed: null when a
 * run directory written before them is read back.
 */
sealed interface Evaluation permits SliceEvaluation, VoxelEvaluation {
    List<Integer> heldOutSlices();

    long heldOutVoxels();

    /** The PSNR's peak: the data type's largest value. */
    Integer psnrPeak();

    Double regionDataRange();

    /** Otsu's threshold of the known voxels; voxels above it are material. */
    Double materialThreshold();

    Long materialVoxels();

    /** The rows of the page's scores table. */
    List<ReconstructionReport.ScoreRow> scoreRows();

    /** What the page says of the voxel pattern; null for held-out planes. */
    ReconstructionReport.VoxelPattern voxelPattern();

    /** The render the AUNN's is compared with, in {@code renders/}. */
    String baselineRender();

    /** A score as written: null where it is not finite (an exact reconstruction's PSNR). */
    static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
