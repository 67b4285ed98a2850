package org.scrollwork.experiments.reconstruction;

/**
 * How a reconstruction experiment's AUNN reads indices: {@code bits}, the seed's ±1 index bits on a plain MLP;
 * {@code geometry}, the geometry embedding (feature grids over the scroll's frame) with {@code scrollwork run}'s defaults.
 */
public enum IndexEmbedding {
    BITS, GEOMETRY
}
