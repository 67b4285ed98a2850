/**
 * The Vesuvius Challenge's conventions: Volume Cartographer packages ({@code .volpkg}: volumes, segments with their
 * ink labels and masks, {@code meta.json}) and what scan names and folders say about voxel size and energy, applied
 * to any format's metadata through {@link org.scrollwork.io.PathConventions}.
 */
package org.scrollwork.io.vesuvius;
