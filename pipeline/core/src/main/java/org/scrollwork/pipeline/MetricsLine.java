package org.scrollwork.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A line of {@value TrainingRun#METRICS}: the step, on the first line a resumed call wrote the step it resumed from, bits
 * per byte on the trained and held-out bytes (null when none are held out), on the validation bytes and the expected byte's
 * RMSE there (both left out without validation bytes), the learning rate and the training seconds so far.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsLine(long step, @JsonInclude(JsonInclude.Include.NON_NULL) Long resumedFromStep, double trainBitsPerByte, Double heldOutBitsPerByte,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double validationBitsPerByte,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double validationExpectedByteRmse, double lr, double seconds) {

    /** The line of {@code m}; {@code resumedFromStep} is negative except on a resumed call's first line. */
    static MetricsLine of(TrainingRun.Metrics m, long resumedFromStep) {
        return new MetricsLine(m.step(), resumedFromStep >= 0 ? resumedFromStep : null, m.trainBits(), orNull(m.heldOutBits()), orNull(m.validationBits()),
                orNull(m.validationError()), m.lr(), m.seconds());
    }

    private static Double orNull(double v) { return Double.isNaN(v) ? null : v; }
}
