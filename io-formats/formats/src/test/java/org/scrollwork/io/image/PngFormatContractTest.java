package org.scrollwork.io.image;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

/** The format contract for PNG, on volumes of one slice (a PNG holds one). */
class PngFormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new PngFormat(); }

    @Override protected String fileName() { return "slice.png"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.UINT8, DataType.UINT16); }

    @Override protected boolean storesVoxelSize() { return false; }

    @Override protected long slices(long z) { return 1; }
}
