package org.scrollwork.workflows.cli;

import org.scrollwork.io.ScanSource;
import picocli.CommandLine.ITypeConverter;

/** A scan argument of the command line: an {@code http://} or {@code https://} URL (an OME-Zarr store read over HTTP), or a local path. */
public final class ScanSourceConverter implements ITypeConverter<ScanSource> {
    @Override public ScanSource convert(String value) { return ScanSource.parse(value); }
}
