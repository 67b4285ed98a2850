package org.scrollwork.pipeline.run;

/**
 * The train stage's marker.
 *
 * @param snapshot           the last snapshot, relative to the run directory
 * @param metrics            the training metrics (JSON lines), relative to the run directory
 * @param heldOutBitsPerByte null (written as such) when the corpus holds no held-out bytes
 */
public record TrainResult(String snapshot, String metrics, long step, double trainBitsPerByte, Double heldOutBitsPerByte, double trainSeconds)
        implements StageResult {}
