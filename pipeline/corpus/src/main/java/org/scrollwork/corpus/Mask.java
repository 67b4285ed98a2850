package org.scrollwork.corpus;

import java.util.Objects;
import org.scrollwork.aunn.data.Role;

/**
 * Marks a box of one record as {@link Role#HELD_OUT} or {@link Role#UNKNOWN}; every real byte of
 * the record outside its masks is {@link Role#TRAIN}. Masks of one record never overlap.
 */
public record Mask(int recordId, Box box, Role role) {
    public Mask {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(role, "role");
        if (role == Role.TRAIN) throw new IllegalArgumentException("a mask marks HELD_OUT, UNKNOWN or VALIDATION; TRAIN is what is left unmasked");
    }
}
