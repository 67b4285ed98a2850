package org.scrollwork.io.tiff;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

class TiffSlicesFormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new TiffSlicesFormat(); }

    @Override protected String fileName() { return "volume"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.values()); }
}
