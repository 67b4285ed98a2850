package org.scrollwork.io.nrrd;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

/** The format contract for attached-header NRRD files. */
class NrrdFormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new NrrdFormat(); }

    @Override protected String fileName() { return "volume.nrrd"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.values()); }
}
