package org.scrollwork.io.zarr;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

/** The format contract for OME-Zarr, with the writer's defaults (blosc lz4, 128³ chunks clipped to the shape). */
class OmeZarrFormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new OmeZarrFormat(); }

    @Override protected String fileName() { return "scan.ome.zarr"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.values()); }
}
