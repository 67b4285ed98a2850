package org.scrollwork.pipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.scrollwork.pipeline.eval.HeldOutVoxelEvaluation;

/**
 * Held-out voxels ({@code --hold-out random:F} or {@code box:…}) scored ({@link HeldOutVoxelEvaluation}): the pattern, the
 * baseline the AUNN is compared with, the test and validation voxels, the PSNR's peak, the region's data range, the
 * material voxels and the methods' scores. {@code heldOutSlices} is empty: no whole plane is held out.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // read back from evaluation.json, after the run's facts
record VoxelEvaluation(String holdOut, String baseline, List<Integer> heldOutSlices, long heldOutVoxels, Long validationVoxels, Integer psnrPeak,
                       Double regionDataRange, Double materialThreshold, Long materialVoxels, List<Score> scores) implements Evaluation {

    /** One method's scores, null where not finite: PSNRs and the mean absolute error in grey levels. */
    record Score(String method, Double psnrDb, Double psnrRegionRangeDb, Double psnrMaterialDb, Double maeLevels) {}

    static VoxelEvaluation of(HeldOutVoxelEvaluation.Result result, String pattern, String baseline) {
        List<Score> scores = result.scores().stream().map(s -> new Score(s.method(), Evaluation.finite(s.psnrDb()), Evaluation.finite(s.psnrRegionRangeDb()),
                Evaluation.finite(s.psnrMaterialDb()), Evaluation.finite(s.mae()))).toList();
        return new VoxelEvaluation(pattern, baseline, List.of(), result.heldOutVoxels(), result.validationVoxels(), result.psnrPeak(), result.regionRange(),
                result.materialThreshold(), result.materialVoxels(), scores);
    }

    @Override public List<ReconstructionReport.ScoreRow> scoreRows() {
        return scores.stream().map(s -> ReconstructionReport.ScoreRow.of(s.method(), s.psnrDb(), s.psnrRegionRangeDb(), s.psnrMaterialDb(), null, s.maeLevels())).toList();
    }

    @Override public ReconstructionReport.VoxelPattern voxelPattern() { return new ReconstructionReport.VoxelPattern(holdOut, baseline, String.valueOf(validationVoxels)); }

    @Override public String baselineRender() { return "baseline-reconstruction.tif"; }
}
