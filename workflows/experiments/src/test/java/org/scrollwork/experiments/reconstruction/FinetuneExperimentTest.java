package org.scrollwork.experiments.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FinetuneExperimentTest {
    @Test
    void stepsToReachInterpolatesBetweenEvaluationPoints() {
        List<double[]> curve = List.of(new double[] {0, 8.0}, new double[] {50, 7.0}, new double[] {100, 6.0});
        assertEquals(25.0, FinetuneExperiment.stepsToReach(curve, 7.5), 1e-12); // halfway from 8.0 to 7.0
        assertEquals(50.0, FinetuneExperiment.stepsToReach(curve, 7.0), 1e-12);
        assertEquals(0.0, FinetuneExperiment.stepsToReach(curve, 9.0), 1e-12);
        assertTrue(Double.isNaN(FinetuneExperiment.stepsToReach(curve, 5.0)));
    }
}
