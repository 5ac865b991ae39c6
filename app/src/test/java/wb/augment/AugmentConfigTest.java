package wb.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import wb.imaging.FillMode;

class AugmentConfigTest {

    private static String rejection(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void negativeRangesAreRejectedWithAHint() {
        String m = rejection(() -> AugmentConfig.none().withRotationRange(-10));
        assertTrue(m.contains("rotation range") && m.contains("-10") && m.contains("positive"), m);
        assertTrue(rejection(() -> AugmentConfig.none().withShift(-0.1, 0)).contains("width shift"));
        assertTrue(rejection(() -> AugmentConfig.none().withShearRange(-1)).contains("shear"));
        assertTrue(rejection(() -> AugmentConfig.none().withChannelShift(-5)).contains("channel shift"));
        assertTrue(rejection(() -> AugmentConfig.none().withCropPadding(-2)).contains("crop padding"));
    }

    @Test
    void outOfRangeAndNanAreRejected() {
        assertTrue(rejection(() -> AugmentConfig.none().withZoom(1.2, 0.8)).contains("swap"));
        assertTrue(rejection(() -> AugmentConfig.none().withZoom(0, 1)).contains("1..1 for no zoom"));
        assertTrue(rejection(() -> AugmentConfig.none().withRotationRange(Double.NaN)).contains("rotation"));
        assertTrue(rejection(() -> AugmentConfig.none().withShift(0, 1.5)).contains("height shift"));
        assertTrue(rejection(() -> AugmentConfig.none().withFill(FillMode.CONSTANT, 300)).contains("0..255"));
        assertThrows(NullPointerException.class, () -> AugmentConfig.none().withFill(null, 0));
    }

    @Test
    void presets() {
        assertTrue(AugmentConfig.none().isIdentity());
        assertFalse(AugmentConfig.light().isIdentity());
        AugmentConfig k = AugmentConfig.kerasLesson();
        assertEquals(10, k.rotationRange());
        assertEquals(0.1, k.widthShift());
        assertEquals(0.1, k.heightShift());
        assertEquals(8.594, k.shearRange(), 1e-3, "Keras 1 read shear_range=0.15 as radians");
        assertEquals(0.9, k.zoomMin(), 1e-12);
        assertEquals(1.1, k.zoomMax(), 1e-12);
        assertEquals(10, k.channelShift());
        assertTrue(k.horizontalFlip());
        assertFalse(k.verticalFlip());
        assertEquals(FillMode.NEAREST, k.fillMode(), "Keras's default fill_mode");
    }

    @Test
    void copyHelpersChangeOnlyTheirField() {
        AugmentConfig k = AugmentConfig.kerasLesson();
        AugmentConfig r = k.withRotationRange(30);
        assertEquals(30, r.rotationRange());
        assertEquals(k.withRotationRange(10), k);
        assertEquals(new AugmentConfig(10, 0.1, 0.1, k.shearRange(), 0.8, 1.2, 10, true, false, FillMode.REFLECT, 0, 4),
                k.withZoomRange(0.2).withFill(FillMode.REFLECT, 0).withCropPadding(4));
        assertTrue(AugmentConfig.none().withFlips(false, false).isIdentity());
        assertFalse(AugmentConfig.none().withFlips(false, true).isIdentity());
    }
}
