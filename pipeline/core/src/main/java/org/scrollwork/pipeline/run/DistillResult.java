package org.scrollwork.pipeline.run;

/**
 * The distill stage's marker: the language prior (counted on {@code priorText}) and what distilling it changed. Paths are
 * relative to the run directory.
 */
public record DistillResult(String priorText, String prior, String priorModel, String snapshot, String provenance, String metrics, int steps,
                            double lastTargetBitsPerByte, int hiddenLetters, int changedTopLetters, double meanKlBits) implements StageResult {}
