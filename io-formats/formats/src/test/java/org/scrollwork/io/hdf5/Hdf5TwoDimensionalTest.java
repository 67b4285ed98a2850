package org.scrollwork.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.testing.PythonReference;

/** A file with only a 2-D dataset reads as one slice (z = 1), and its metadata says so; a 3-D file has no such note. */
@Tag("python")
class Hdf5TwoDimensionalTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "h5py");
    }

    @TempDir Path dir;

    @Test
    void aFileWithOnlyATwoDimensionalDatasetReadsAsOneSliceAndSaysSo() {
        PythonReference.run(dir, String.join("\n",
                "import numpy as np, h5py",
                "with h5py.File('image.h5', 'w') as f:",
                "    f['img'] = (np.arange(16 * 12).reshape(12, 16) % 251).astype(np.uint8)",
                "with h5py.File('vol.h5', 'w') as f:",
                "    f['vol'] = np.zeros((2, 3, 4), dtype=np.uint8)",
                ""));
        DatasetInfo info = Formats.info(dir.resolve("image.h5"));
        assertArrayEquals(new long[] {16, 12, 1}, info.level(0).shape());
        assertEquals("2-D dataset /img (y, x) read as one slice, z = 1; the file holds no 3-D dataset",
                info.level(0).meta().provenance().get(Hdf5Format.TWO_D_NOTE_KEY));
        Volume<?> v = Formats.read(dir.resolve("image.h5"), 0);
        byte[] slice = (byte[]) org.scrollwork.io.ChunkedVolumes.readSlice(v, 0);
        assertEquals((5 * 16 + 7) % 251, slice[5 * 16 + 7] & 0xff, "row-major (y, x): voxel x = 7, y = 5");
        assertEquals("2-D dataset /img (y, x) read as one slice, z = 1",
                Formats.info(dir.resolve("image.h5#/img")).level(0).meta().provenance().get(Hdf5Format.TWO_D_NOTE_KEY));
        assertNull(Formats.info(dir.resolve("vol.h5")).level(0).meta().provenance().get(Hdf5Format.TWO_D_NOTE_KEY));
    }
}
