package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhantomConfigTest {

    @Test void defaultsAreTheDocumentedOnes() {
        PhantomConfig c = PhantomConfig.defaults();
        assertEquals(List.of(96, 96, 64), List.of(c.sizeX(), c.sizeY(), c.sizeZ()));
        assertEquals(4, c.winds());
        assertEquals(List.of(54.0, 70.0), c.beamEnergiesKeV());
        assertEquals(4, c.fineVoxelUm());
        assertEquals(8, c.coarseVoxelUm());
        assertEquals(48, c.coarseSize(96));
        assertEquals(1, c.coarseLevel());
        assertEquals(34, c.pitchUm(), 1e-12);
        // core = 192 * (0.95 - 0.02) - 4 * 34 - 5 * 1.2 * 4 / 2 = 30.56 µm
        assertEquals(30.56, c.coreRadiusUm(), 1e-9);
    }

    @Test void tooManyWindsAreRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhantomConfig.defaults().toBuilder().winds(6).build());
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test void badValuesAreRejected() {
        PhantomConfig.Builder b = PhantomConfig.defaults().toBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.size(8, 96, 64).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.defaults().toBuilder().voxelSizesUm(8, 4).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.defaults().toBuilder().beamEnergiesKeV(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.defaults().toBuilder().beamEnergiesKeV(List.of(54.0, 54.0)).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.defaults().toBuilder().noise(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> PhantomConfig.defaults().toBuilder().inkDepthUm(50).build());
        assertThrows(NullPointerException.class, () -> PhantomConfig.defaults().withText(null));
    }

    @Test void forSizeFillsLargerCrossSectionsWithMoreWinds() {
        PhantomConfig big = PhantomConfig.forSize(512, 512, 256);
        assertTrue(big.winds() >= 20, "winds " + big.winds());
        assertTrue(big.coreRadiusUm() >= big.sheetThicknessVoxels() * big.fineVoxelUm());
        assertEquals(4, PhantomConfig.forSize(96, 96, 64).winds());
    }

    @Test void anyTextIsAccepted() {
        assertEquals("ΛΟΓΟΣ", PhantomConfig.defaults().withText("λόγος, logos").normalizedText());
        assertEquals("", PhantomConfig.defaults().withText("").normalizedText());
    }
}
