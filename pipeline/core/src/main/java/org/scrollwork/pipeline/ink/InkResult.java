package org.scrollwork.pipeline.ink;

import org.scrollwork.pipeline.eval.InkScores;

/**
 * What an ink run found, written as {@value InkRun#RESULT} in its directory.
 *
 * @param segment          the segment's id
 * @param size             the surface's size: columns, rows, layers
 * @param labelBox         the held-out label box, {@code x0,y0,x1,y1}
 * @param trainedPixels    known label pixels the AUNN learned
 * @param validationPixels known label pixels kept for validation (when to stop, the probability threshold)
 * @param heldOutPixels    label pixels of the box inside the mask: the test
 * @param heldOutInk       of those, ink
 * @param steps            training steps taken
 * @param trainSeconds     training time
 * @param validationF05    the AUNN's F0.5 on the validation pixels, where its threshold was chosen
 * @param aunn             the AUNN: {@code P(ink) >= threshold}, the threshold chosen on the validation pixels
 * @param grey             the baseline: a grey threshold, layer and threshold chosen on the known pixels
 * @param smoothedGrey     the same on layers smoothed in their plane by a Gaussian (sigma 1, 2 or 4 pixels, chosen with them)
 * @param prediction       the AUNN's {@code P(ink)} as an 8-bit PNG, relative to the run directory
 * @param overlay          the prediction over the labels as a colour PNG, relative to the run directory
 */
public record InkResult(String segment, int[] size, String labelBox, long trainedPixels, long validationPixels, long heldOutPixels, long heldOutInk,
                        long steps, double trainSeconds, double validationF05, Method aunn, Method grey, Method smoothedGrey,
                        String prediction, String overlay) {

    /**
     * One method's scores on the held-out pixels.
     *
     * @param rule      how it decides ink ({@code P(ink) >= 0.31}, {@code layer 8, grey >= 186})
     * @param precision held-out precision
     * @param recall    held-out recall
     * @param f05       held-out F0.5
     * @param dice      held-out Dice
     */
    public record Method(String rule, double precision, double recall, double f05, double dice) {
        static Method of(String rule, InkScores s) { return new Method(rule, s.precision(), s.recall(), s.f05(), s.dice()); }
    }
}
