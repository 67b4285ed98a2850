/**
 * HDF5 volumes read with jHDF, a pure-Java HDF5 library from Maven Central: the dataset named after a {@code #}
 * ({@code scan.h5#/exchange/data}, as tomography beamlines write it) or the first 3-D one; a file with only a 2-D
 * dataset reads as one slice.
 */
package org.scrollwork.io.hdf5;
