package org.scrollwork.prior;

/**
 * Where a {@link CharLm} training run stands after one step.
 *
 * @param step steps done, 1 … steps
 * @param steps steps in the run
 * @param trainBits running mean of the training loss in bits per letter (exponential, 2 % per step)
 * @param validationBits bits per letter on the validation texts measured after this step, or NaN if not measured now
 * @param best whether that validation measurement is the best so far (its parameters are kept)
 * @param seconds wall time since training began
 */
public record CharLmProgress(int step, int steps, double trainBits, double validationBits, boolean best, double seconds) {}
