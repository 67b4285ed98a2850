/**
 * OME-Zarr: multiscale pyramids read lazily chunk by chunk through a bounded chunk cache (NGFF 0.4 on Zarr v2, and
 * 0.5 on Zarr v3, unsharded) and written atomically (Zarr v2), with blosc, zstd, gzip, zlib or no compression. Stores
 * are read from a folder or over HTTP(S), what is fetched kept in a bounded on-disk cache
 * ({@link org.scrollwork.io.zarr.CachingZarrStore}) that later runs, other processes and offline reads share.
 *
 * <p>Written here rather than taken from a library: N5-Zarr and the SciJava stack that read Zarr in Java are not on
 * Maven Central, the only registry this project builds from; and the reader checks every key against the store's
 * root (a store may not name files outside it) and reports damage as a typed error naming the file.
 */
package org.scrollwork.io.zarr;
