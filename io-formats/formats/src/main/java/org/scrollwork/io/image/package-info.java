/**
 * Single grey images as one-slice volumes: PNG (1–16-bit grey, read and written) and JPEG (8-bit grey, read), through
 * {@code javax.imageio}; colour, palette and alpha images are refused with a typed error naming the file.
 */
package org.scrollwork.io.image;
