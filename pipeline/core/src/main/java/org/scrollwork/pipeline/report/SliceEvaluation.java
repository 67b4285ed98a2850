package org.scrollwork.pipeline.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;

/**
 * The held-out slices scored ({@link HeldOutSliceEvaluation}): the PSNR's peak, the region's data range, the material
 * voxels, how the non-local means cut-off was chosen ({@code nlm*}, absent before that baseline) and the methods' scores.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // read back from evaluation.json, after the run's facts
record SliceEvaluation(List<Integer> heldOutSlices, long heldOutVoxels, Integer psnrPeak, Double regionDataRange, Double materialThreshold,
                       Long materialVoxels, Double nlmNoiseSigma, Double nlmHOverSigma, String nlmHChosenOn, List<Score> scores) implements Evaluation {

    /** One method's scores; null where not finite, the region-range and material PSNRs also null in reports written before them. */
    record Score(String method, Double psnrDb, Double ssim, Double psnrRegionRangeDb, Double psnrMaterialDb) {}

    static SliceEvaluation of(HeldOutSliceEvaluation.Result result, DataType type) {
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i < result.scores().size(); i++) {
            HeldOutSliceEvaluation.Score s = result.scores().get(i);
            HeldOutSliceEvaluation.RangeScore rs = result.rangeScores().get(i);
            scores.add(new Score(s.method(), Evaluation.finite(s.psnrDb()), Evaluation.finite(s.ssim()), Evaluation.finite(rs.psnrDb()),
                    Evaluation.finite(rs.materialPsnrDb())));
        }
        HeldOutSliceEvaluation.NlmChoice nlm = result.nlm();
        return new SliceEvaluation(result.heldOutSlices(), result.heldOutVoxels(), type == DataType.UINT8 ? 255 : 65535, result.regionRange(),
                result.materialThreshold(), result.materialVoxels(), nlm.sigma(), nlm.hOverSigma(),
                nlm.chosenOnValidation() ? "validation slices " + nlm.candidates() + " x sigma" : "default (no validation slices)", scores);
    }

    @Override public List<ReconstructionReport.ScoreRow> scoreRows() {
        return scores.stream().map(s -> ReconstructionReport.ScoreRow.of(s.method(), s.psnrDb(), s.psnrRegionRangeDb(), s.psnrMaterialDb(), s.ssim(), null)).toList();
    }

    @Override public ReconstructionReport.VoxelPattern voxelPattern() { return null; }

    @Override public String baselineRender() { return "tricubic-reconstruction.tif"; }
}
