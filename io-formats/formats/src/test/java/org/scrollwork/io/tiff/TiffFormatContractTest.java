package org.scrollwork.io.tiff;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

class TiffFormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new TiffFormat(); }

    @Override protected String fileName() { return "stack.tif"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.values()); }
}
