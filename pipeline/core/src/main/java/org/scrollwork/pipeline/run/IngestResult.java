package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The ingest stage's marker: the corpus records, the region, the held-out slices and the text.
 *
 * @param holdOutAxis     {@code x}, {@code y} or {@code z}; null in markers written before the axis could be chosen (z)
 * @param recordAxes      the scan's axes in the record's x, y, z order; null in such older markers
 * @param validationSlices null in markers written before validation slices were kept
 * @param scrollId        null when the scan names no scroll
 * @param voxelSizeUm     null when the scan has no voxel size
 * @param textRecord      null when the run has no text, as are {@code textLetters} and {@code hiddenLetters}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(int volumeRecord, List<Long> regionOrigin, List<Long> regionSize, String holdOutAxis, String recordAxes,
                           List<Integer> heldOutSlices, List<Integer> validationSlices, String scrollId, List<Double> voxelSizeUm,
                           Integer textRecord, Integer textLetters, Integer hiddenLetters, long trainBytes, long heldOutBytes, String fingerprint)
        implements StageResult {

    /** The region of the scan the run learns. */
    public Region region() {
        return new Region(regionOrigin.stream().mapToLong(Long::longValue).toArray(), regionSize.stream().mapToLong(Long::longValue).toArray());
    }

    /** The text record, or -1 when the run has no text. */
    public int textRecordOrNone() { return textRecord == null ? -1 : textRecord; }
}
