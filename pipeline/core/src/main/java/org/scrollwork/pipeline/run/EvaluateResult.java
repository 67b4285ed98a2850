package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The evaluate stage's marker: the held-out slices scored (and, given the noise-free scan, scored against it), the report
 * page, and with a transcription the hidden letters scored. Paths are relative to the run directory. Fields added after
 * the first markers ({@code psnrPeak}, {@code regionDataRange}, {@code materialThreshold}, {@code materialVoxels}, and
 * {@code nlm}, how the non-local means baseline was set up) are null when reading those; null fields are left out of the marker.
 * With a voxel pattern ({@code holdOut}, null for planes) the scores are over the held-out test voxels, the second method is the
 * named {@code baseline}, SSIM is NaN (not defined on scattered voxels) and {@code maeLevels} gives the mean absolute error in grey
 * levels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluateResult(String evaluation, long heldOutVoxels, Integer psnrPeak, Double regionDataRange, Double materialThreshold, Long materialVoxels,
                             List<Score> scores, List<Score> scoresNoiseFree, Double noiseCeilingDb, String page, TextScore text,
                             String holdOut, String baseline, Nlm nlm) implements StageResult {

    /** A marker of the planes pattern as written before voxel patterns and the non-local means baseline existed. */
    public EvaluateResult(String evaluation, long heldOutVoxels, Integer psnrPeak, Double regionDataRange, Double materialThreshold, Long materialVoxels,
                          List<Score> scores, List<Score> scoresNoiseFree, Double noiseCeilingDb, String page, TextScore text) {
        this(evaluation, heldOutVoxels, psnrPeak, regionDataRange, materialThreshold, materialVoxels, scores, scoresNoiseFree, noiseCeilingDb, page, text, null, null, null);
    }

    /** A marker of the planes pattern, with the non-local means baseline's set-up. */
    public EvaluateResult(String evaluation, long heldOutVoxels, Integer psnrPeak, Double regionDataRange, Double materialThreshold, Long materialVoxels,
                          List<Score> scores, List<Score> scoresNoiseFree, Double noiseCeilingDb, String page, TextScore text, Nlm nlm) {
        this(evaluation, heldOutVoxels, psnrPeak, regionDataRange, materialThreshold, materialVoxels, scores, scoresNoiseFree, noiseCeilingDb, page, text, null, null, nlm);
    }

    /** A marker of a voxel pattern ({@code holdOut}) scored against its {@code baseline}. */
    public EvaluateResult(String evaluation, long heldOutVoxels, Integer psnrPeak, Double regionDataRange, Double materialThreshold, Long materialVoxels,
                          List<Score> scores, List<Score> scoresNoiseFree, Double noiseCeilingDb, String page, TextScore text, String holdOut, String baseline) {
        this(evaluation, heldOutVoxels, psnrPeak, regionDataRange, materialThreshold, materialVoxels, scores, scoresNoiseFree, noiseCeilingDb, page, text, holdOut, baseline, null);
    }

    /**
     * One method on the held-out slices; an exact PSNR is written as the string {@code "Infinity"}.
     *
     * @param psnrRegionRangeDb PSNR with the region's data range as peak; null against the noise-free scan and in older markers
     * @param psnrMaterialDb    PSNR on the material voxels only; null likewise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(String method, double psnrDb, double ssim, Double psnrRegionRangeDb, Double psnrMaterialDb, Double maeLevels) {
        /** A score of held-out planes (no mean absolute error). */
        public Score(String method, double psnrDb, double ssim, Double psnrRegionRangeDb, Double psnrMaterialDb) {
            this(method, psnrDb, ssim, psnrRegionRangeDb, psnrMaterialDb, null);
        }
    }

    /**
     * The hidden letters read right without and with the prior (also written as {@value EvaluateStage#TEXT_EVALUATION}).
     *
     * @param accuracyAunnAlone null (written as such) when no letter is hidden
     * @param correctWithPrior  null without a distilled prior, as are the fields after it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TextScore(int hiddenLetters, int correctAunnAlone, @JsonInclude(JsonInclude.Include.ALWAYS) Double accuracyAunnAlone, Integer correctWithPrior,
                            Double accuracyWithPrior, Integer decidedByPrior, Integer decidedByPriorCorrect) {}

    /**
     * The non-local means + trilinear baseline's set-up ({@code HeldOutSliceEvaluation.NlmChoice}).
     *
     * @param noiseSigma      the noise σ estimated on the known slices (grey levels)
     * @param hOverSigma      the cut-off h used, over σ
     * @param hChosenOn       {@code "validation slices"}, or {@code "default (no validation slices)"}
     * @param candidates      the cut-offs h / σ the validation slices chose from
     * @param validationPsnrDb each candidate's PSNR on the validation slices against the scan; null without validation slices
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Nlm(double noiseSigma, double hOverSigma, String hChosenOn, List<Double> candidates, List<Double> validationPsnrDb) {}

    EvaluateResult withText(TextScore t) {
        return new EvaluateResult(evaluation, heldOutVoxels, psnrPeak, regionDataRange, materialThreshold, materialVoxels, scores, scoresNoiseFree, noiseCeilingDb, page, t,
                holdOut, baseline, nlm);
    }
}
