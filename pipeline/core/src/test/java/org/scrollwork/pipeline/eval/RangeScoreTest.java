package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PSNR with the region's range as peak, over all held-out voxels and over the material ones, against closed forms. */
class RangeScoreTest {

    @Test
    void materialScoreIgnoresBackgroundThatEveryMethodGetsRight() {
        int plane = 10, nz = 3;
        double[] truth = new double[plane * nz];
        double[] test = new double[truth.length];
        for (int z = 0; z < nz; z++) {
            for (int i = 0; i < plane; i++) {
                boolean material = i < 2; // 2 of 10 voxels per slice are papyrus at 1000, the rest background at 0
                truth[z * plane + i] = material ? 1000 : 0;
                test[z * plane + i] = material ? 1000 - 10 : 0; // off by 10 on material, exact on background
            }
        }
        HeldOutSliceEvaluation.RangeScore s = HeldOutSliceEvaluation.rangeScore("m", truth, test, List.of(1), plane, 1000, 500);
        // material: MSE 100, peak 1000 -> 10 log10(1e6 / 100) = 40 dB; all voxels: MSE 100 * 2/10 = 20 -> 10 log10(1e6 / 20)
        assertEquals(40.0, s.materialPsnrDb(), 1e-9);
        assertEquals(10 * Math.log10(1e6 / 20), s.psnrDb(), 1e-9);
        assertTrue(s.psnrDb() > s.materialPsnrDb(), "background inflates the all-voxel score");
        assertTrue(Double.isNaN(HeldOutSliceEvaluation.rangeScore("m", truth, test, List.of(1), plane, 1000, 2000).materialPsnrDb()),
                "no material above the threshold: undefined");
    }
}
