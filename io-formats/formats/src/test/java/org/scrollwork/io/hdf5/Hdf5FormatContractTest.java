package org.scrollwork.io.hdf5;

import java.util.List;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatContractTest;

/** The format contract for HDF5 files written through jhdf. */
class Hdf5FormatContractTest extends FormatContractTest {
    @Override protected Format format() { return new Hdf5Format(); }

    @Override protected String fileName() { return "volume.h5"; }

    @Override protected List<DataType> supportedTypes() { return List.of(DataType.values()); }
}
