package org.scrollwork.prior;

/** Whether {@link CharTrainingLoop} applies a step's gradients to the parameters. */
@FunctionalInterface
interface UpdateGuard {

    /** Applies every step. */
    UpdateGuard ALWAYS = (step, bits) -> true;

    /**
     * Whether step {@code step} (0-based), of loss {@code bits} (bits per letter) and with its gradients in the
     * parameters, updates them; a guard that refuses leaves the gradients so that they do no harm to the next step.
     */
    boolean admits(int step, float bits);
}
