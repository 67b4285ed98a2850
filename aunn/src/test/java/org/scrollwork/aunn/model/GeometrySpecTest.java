package org.scrollwork.aunn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeometrySpecTest {

    @Test
    void gridLevelsParseAsTheCommandLineWritesThem() {
        assertEquals(List.of(new GeometrySpec.GridLevel(1, 1, 32), new GeometrySpec.GridLevel(4, 4, 4), new GeometrySpec.GridLevel(2, 3, 5)),
                GeometrySpec.parseLevels("1x1x32, 4,2×3×5"));
        assertEquals(List.of(), GeometrySpec.parseLevels("none"));
        assertEquals(GeometrySpec.defaults().levels(), GeometrySpec.parseLevels("1x1x32,1x1x8,4x4x4,8x8x8"));
    }

    @Test
    void aLevelThatIsNotOneIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeometrySpec.parseLevels("4x4,8"));
        assertTrue(e.getMessage().contains("'4x4'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeometrySpec.parseLevels("0x1x1"));
        assertThrows(IllegalArgumentException.class, () -> GeometrySpec.parseLevels("ax1x1"));
    }
}
