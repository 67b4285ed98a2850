package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.model.GeometrySpec.GridLevel;

/** Grid cells given in the scan's axes follow the axis a run swaps into the record's z. */
class HoldOutAxisGridsTest {
    private static final List<GridLevel> SCAN = List.of(new GridLevel(1, 2, 32), new GridLevel(4, 4, 4));

    @Test
    void slicesKeepTheGridsAndRowsOrColumnsSwapTheirEdgeWithZ() {
        assertEquals(SCAN, HoldOutAxis.Z.recordGrids(SCAN));
        assertEquals(List.of(new GridLevel(1, 32, 2), new GridLevel(4, 4, 4)), HoldOutAxis.Y.recordGrids(SCAN));
        assertEquals(List.of(new GridLevel(32, 2, 1), new GridLevel(4, 4, 4)), HoldOutAxis.X.recordGrids(SCAN));
    }
}
