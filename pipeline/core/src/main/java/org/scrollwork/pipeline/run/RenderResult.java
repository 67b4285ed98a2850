package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The render stage's marker: the volume renders, with a transcription the text page, and with letter labels and a ground
 * truth the predicted letters over the scan. Paths are relative to the run directory; fields of a part the run did not
 * render are null (and left out of the marker).
 *
 * @param decidedByPrior hidden letters whose top letter the prior changed; null without a distilled prior
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderResult(List<String> volumes, String textPage, Integer hiddenLetters, Long decidedByPrior, List<String> overlay, Integer overlaySlice,
                           Long overlayLetterVoxels, Long overlayCorrectVoxels, Long overlayCorrectVoxelsAunnAlone, Long overlayUnassignedVoxels)
        implements StageResult {

    /** Just the volume renders. */
    static RenderResult volumes(List<String> volumes) { return new RenderResult(volumes, null, null, null, null, null, null, null, null, null); }

    RenderResult withText(String page, int hidden, Long decided) {
        return new RenderResult(volumes, page, hidden, decided, overlay, overlaySlice, overlayLetterVoxels, overlayCorrectVoxels, overlayCorrectVoxelsAunnAlone,
                overlayUnassignedVoxels);
    }

    RenderResult withOverlay(List<String> files, int slice, long letterVoxels, long correct, long correctAunnAlone, long unassigned) {
        return new RenderResult(volumes, textPage, hiddenLetters, decidedByPrior, files, slice, letterVoxels, correct, correctAunnAlone, unassigned);
    }

    /** Whether the text was rendered ({@link #textPage()} and the hidden letters are set). */
    public boolean hasText() { return textPage != null; }

    /** Whether the predicted letters were placed over the scan (the {@code overlay} fields are set). */
    public boolean hasOverlay() { return overlay != null; }
}
