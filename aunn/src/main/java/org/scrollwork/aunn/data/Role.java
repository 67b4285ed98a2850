package org.scrollwork.aunn.data;

/** What an index of the list is for. Padding (index space with no data) has no role. */
public enum Role {
    /** Real data the model may learn. */
    TRAIN,
    /** Real data kept away from training, used to evaluate. */
    HELD_OUT,
    /** Positions whose bytes are not known: to be predicted and rendered. */
    UNKNOWN,
    /**
     * Real data kept away from training to choose settings and when to stop (early stopping), so that the
     * {@link #HELD_OUT} data stays an untouched test set.
     */
    VALIDATION
}
