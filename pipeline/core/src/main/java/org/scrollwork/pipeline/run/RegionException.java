package org.scrollwork.pipeline.run;

/** The region a run should learn does not fit the scan: an empty box, a box outside the volume, too few slices. An input error. */
public final class RegionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegionException(String message) { super(message); }
}
