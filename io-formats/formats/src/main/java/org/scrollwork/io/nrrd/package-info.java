/**
 * NRRD: attached and detached ({@code .nhdr}) headers over raw or gzip data, the 2-D and 3-D scalar volumes CT tools
 * (3D Slicer, ITK) exchange, with the voxel size from {@code spacings} or {@code space directions} when they carry
 * units of length.
 *
 * <p>Written here: the format is a short text header over raw bytes, and no maintained Java reader is on Maven
 * Central; a detached data file must lie inside the header's folder.
 */
package org.scrollwork.io.nrrd;
