package org.scrollwork.io.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a volume lives in an HDF5 file: the file, and optionally the path of a dataset inside it,
 * written after a {@code #} as in a URL fragment: {@code scan.h5#/exchange/data}. Without a fragment
 * the reader takes the first 3-D (else 2-D) dataset of a supported type, depth first, children in
 * name order. A file whose own name contains {@code #} is taken as a whole when it exists.
 *
 * @param file    the HDF5 file
 * @param dataset absolute dataset path inside the file, e.g. {@code /exchange/data}
 */
public record Hdf5Location(Path file, Optional<String> dataset) {

    /** Splits {@code file#/dataset/path} at the first {@code #}; a path that exists as given has no fragment. */
    public static Hdf5Location parse(Path path) {
        String s = path.toString();
        int hash = s.indexOf('#');
        if (hash < 0 || Files.exists(path)) return new Hdf5Location(path, Optional.empty());
        String inner = s.substring(hash + 1);
        if (inner.isEmpty()) return new Hdf5Location(Path.of(s.substring(0, hash)), Optional.empty());
        return new Hdf5Location(Path.of(s.substring(0, hash)), Optional.of(inner.startsWith("/") ? inner : "/" + inner));
    }
}
