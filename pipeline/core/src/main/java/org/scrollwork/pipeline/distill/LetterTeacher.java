package org.scrollwork.pipeline.distill;

/** A source of soft letter targets (and optionally embeddings) for the letters of a papyrus record. */
public interface LetterTeacher {
    /** The teaching for every letter of {@code record}; must not look at its hidden letters. */
    Teaching teach(PapyrusRecord record);
}
