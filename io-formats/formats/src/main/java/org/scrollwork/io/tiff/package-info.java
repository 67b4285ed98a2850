/**
 * TIFF: multi-page files ({@link org.scrollwork.io.tiff.TiffFormat}, classic TIFF and BigTIFF, either byte order,
 * strips or tiles, uncompressed, LZW with predictor, deflate) and folders of one TIFF per slice
 * ({@link org.scrollwork.io.tiff.TiffSlicesFormat}, the Vesuvius Challenge layout), with ImageJ's calibration.
 *
 * <p>Written here rather than taken from a library: reads are lazy and page- or tile-chunked (a 4 GiB stack is
 * never held whole), damaged files end in a typed error naming the file, and the writer produces ImageJ's layout past
 * 4 GiB (BigTIFF) that Fiji opens calibrated. SCIFIO and Bio-Formats, which do this elsewhere, are not on Maven
 * Central, the only registry this project builds from; {@code javax.imageio}'s TIFF plugin reads whole images.
 */
package org.scrollwork.io.tiff;
