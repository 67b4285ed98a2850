package org.scrollwork.pipeline.report;

/**
 * What a reconstruction report says of the run it scores: the first fields of {@value ReconstructionReport#EVALUATION}, in
 * this order, and the page's run table. Each caller has its own record.
 */
public sealed interface ReportFacts {
    /**
     * A {@code scrollwork run} directory's evaluate stage: the scan, the region learned, the training's steps, seconds and
     * bits per byte ({@code heldOutBitsPerByte} 0 when nothing was held out), and the hold-out pattern's spec.
     */
    record Pipeline(String source, String region, long steps, long trainSeconds, double trainBitsPerByte, double heldOutBitsPerByte,
                    String holdOut) implements ReportFacts {}

    /** {@code scrollwork eval}: the corpus and volume record scored (its shape), and the snapshot with its step. */
    record Eval(String corpus, int record, String shape, String snapshot, long step) implements ReportFacts {}
}
