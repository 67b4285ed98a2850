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
 * @param holdOut         the held-out pattern ({@link HeldOutPattern#spec()}) when it is not every second plane ({@code planes:K},
 *                        a voxel pattern); null for every second plane (and in older markers)
 * @param heldOutVoxels   with a voxel pattern, the voxels held out as the test; null for planes
 * @param validationVoxels with a voxel pattern, the voxels held out for validation; null for planes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(int volumeRecord, List<Long> regionOrigin, List<Long> regionSize, String holdOutAxis, String recordAxes,
                           List<Integer> heldOutSlices, List<Integer> validationSlices, String scrollId, List<Double> voxelSizeUm,
                           Integer textRecord, Integer textLetters, Integer hiddenLetters, long trainBytes, long heldOutBytes, String fingerprint,
                           String holdOut, Long heldOutVoxels, Long validationVoxels)
        implements StageResult {

    /** A marker of the planes pattern (as written before voxel patterns existed). */
    public IngestResult(int volumeRecord, List<Long> regionOrigin, List<Long> regionSize, String holdOutAxis, String recordAxes,
                        List<Integer> heldOutSlices, List<Integer> validationSlices, String scrollId, List<Double> voxelSizeUm,
                        Integer textRecord, Integer textLetters, Integer hiddenLetters, long trainBytes, long heldOutBytes, String fingerprint) {
        this(volumeRecord, regionOrigin, regionSize, holdOutAxis, recordAxes, heldOutSlices, validationSlices, scrollId, voxelSizeUm, textRecord, textLetters,
                hiddenLetters, trainBytes, heldOutBytes, fingerprint, null, null, null);
    }

    /** The held-out pattern (planes unless the marker names another). */
    public HeldOutPattern pattern() { return holdOut == null ? new HeldOutPattern.Planes() : HeldOutPattern.parse(holdOut); }

    /** The region of the scan the run learns. */
    public Region region() {
        return new Region(regionOrigin.stream().mapToLong(Long::longValue).toArray(), regionSize.stream().mapToLong(Long::longValue).toArray());
    }

    /** The text record, or -1 when the run has no text. */
    public int textRecordOrNone() { return textRecord == null ? -1 : textRecord; }
}
