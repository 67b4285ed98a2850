package org.scrollwork.scaleout;

import java.io.Serializable;

/**
 * A failure to inject into a task, for tests of Spark's retries: called by a finetune task after each evaluation.
 * {@link #NONE} in production.
 */
@FunctionalInterface
public interface TaskFault extends Serializable {
    TaskFault NONE = (job, attempt, step) -> { };

    /** Throws to fail the task running job {@code job} (its position in the list) at attempt {@code attempt} after step {@code step}. */
    void check(int job, int attempt, long step);
}
