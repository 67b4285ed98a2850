package org.scrollwork.io.nrrd;

import org.scrollwork.io.CoordinateOracle;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;

/** In-memory volumes holding the {@link CoordinateOracle} values, for writers under test. */
public final class OracleVolumes {
    private OracleVolumes() {}

    /** A volume of the given type and shape whose voxels follow {@link CoordinateOracle#value}. */
    public static Volume<?> of(DataType t, long[] shape, VoxelSize vs) {
        int n = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        double[] values = new double[n];
        int i = 0;
        for (long z = 0; z < shape[2]; z++) {
            for (long y = 0; y < shape[1]; y++) {
                for (long x = 0; x < shape[0]; x++) values[i++] = CoordinateOracle.value(t, x, y, z);
            }
        }
        Object arr = org.scrollwork.io.VoxelArrays.allocate(t, n);
        for (i = 0; i < n; i++) {
            switch (t) {
                case UINT8: ((byte[]) arr)[i] = (byte) (long) values[i]; break;
                case UINT16: case INT16: ((short[]) arr)[i] = (short) (long) values[i]; break;
                case UINT32: ((int[]) arr)[i] = (int) (long) values[i]; break;
                case FLOAT32: ((float[]) arr)[i] = (float) values[i]; break;
                case FLOAT64: ((double[]) arr)[i] = values[i]; break;
                default: throw new AssertionError(t);
            }
        }
        return org.scrollwork.io.Volumes.wrap(arr, shape, org.scrollwork.io.ScanMetadata.builder(t).voxelSizeUm(vs).build());
    }

}
