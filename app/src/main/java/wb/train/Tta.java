package wb.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import wb.augment.AugmentConfig;
import wb.augment.AugmentParams;
import wb.augment.Augmenter;
import wb.imaging.FillMode;
import wb.imaging.Raster;

/**
 * Test-time augmentation: predict several deterministic views of each image and average the probabilities.
 * <ul>
 *   <li>FLIP: the image and its mirror image (right for classes that are symmetric left-right, like clothing or
 *   animals; wrong for digits or text).</li>
 *   <li>CROP10: ten crops, the over-sampling of Krizhevsky et al. (2012) and of the computer-vision book's
 *   {@code CropPreprocessor}: the centre and the four corners, each also mirrored. The corner windows are the
 *   model-size window moved diagonally by a margin, over the image padded the way the run's random crop padded it
 *   (its fill mode), so they are the extreme views the network saw in training. The margin is the run's crop
 *   padding, or 1/16 of the input side (the book's 227-in-256 crops move ~6%) for runs trained without random
 *   crops.</li>
 * </ul>
 */
public enum Tta {
    NONE, FLIP, CROP10;

    /** Parses a command-line value: none, flip or crop10 (also "10-crop"). */
    public static Tta parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (v) {
            case "none", "off" -> NONE;
            case "flip", "flips" -> FLIP;
            case "crop10", "10crop", "tencrop" -> CROP10;
            default -> throw new IllegalArgumentException("test-time augmentation must be none, flip or crop10, not '" + s + "'");
        };
    }

    /** The short name a front end shows. */
    public String label() {
        return switch (this) {
            case NONE -> "No test-time augmentation";
            case FLIP -> "Flip TTA (2 views)";
            case CROP10 -> "10-crop TTA (10 views)";
        };
    }

    /** How the views are drawn, for reports. */
    public String describe(AugmentConfig trained, int width, int height) {
        return switch (this) {
            case NONE -> "none";
            case FLIP -> "flip (2 views: the image and its mirror image)";
            case CROP10 -> "crop10 (10 views: centre and 4 corners moved by " + margin(trained, width, height)
                    + " px, each also mirrored; " + trained.fillMode().name().toLowerCase(Locale.ROOT) + " fill)";
        };
    }

    /**
     * The views, as transforms of the prepared (converted and resized) 8-bit image; the first is always the
     * image itself. {@code trained} is the run's augmentation (its fill mode and crop padding shape the crops).
     */
    public List<UnaryOperator<Raster>> views(AugmentConfig trained, int width, int height) {
        List<UnaryOperator<Raster>> out = new ArrayList<>();
        out.add(UnaryOperator.identity());
        if (this == NONE) return out;
        Augmenter fill = new Augmenter(trained);
        if (this == FLIP) {
            out.add(r -> fill.apply(r, shift(r.channels(), 0, 0, true)));
            return out;
        }
        int m = margin(trained, width, height);
        int[][] offsets = {{0, 0}, {-m, -m}, {m, -m}, {-m, m}, {m, m}};
        for (int[] o : offsets) {
            for (boolean mirror : new boolean[] {false, true}) {
                if (o[0] == 0 && o[1] == 0 && !mirror) continue; // the identity, already first
                out.add(r -> fill.apply(r, shift(r.channels(), o[0], o[1], mirror)));
            }
        }
        return out;
    }

    /** Pixels the corner crops move: the run's crop padding, else 1/16 of the shorter side (at least 1). */
    static int margin(AugmentConfig trained, int width, int height) {
        if (trained.cropPadding() > 0) return trained.cropPadding();
        return Math.max(1, (int) Math.round(Math.min(width, height) / 16.0));
    }

    /**
     * The view moved by (dx, dy): output pixel (x, y) is input pixel (x + dx, y + dy), then mirrored left-right.
     * Augmenter crops after flipping, so mirror the offset to crop the same window of the unflipped image.
     */
    private static AugmentParams shift(int channels, int dx, int dy, boolean mirror) {
        return new AugmentParams(0, 0, 0, 0, 1, 1, new float[channels], mirror, false, mirror ? -dx : dx, dy);
    }

    /**
     * The fill mode, fill value and crop padding a run was trained with, from its model card's augmentation
     * entry; cards without them (or runs without augmentation) give nearest fill and no crop padding.
     */
    public static AugmentConfig trainedFill(Map<String, Object> augmentation) {
        AugmentConfig c = AugmentConfig.none();
        if (augmentation == null) return c;
        FillMode mode = FillMode.NEAREST;
        Object m = augmentation.get("fillMode");
        if (m != null) {
            try {
                mode = FillMode.valueOf(m.toString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                mode = FillMode.NEAREST;
            }
        }
        int value = augmentation.get("fillValue") instanceof Number n ? Math.max(0, Math.min(255, n.intValue())) : 0;
        int padding = augmentation.get("cropPadding") instanceof Number n ? Math.max(0, Math.min(1024, n.intValue())) : 0;
        return c.withFill(mode, value).withCropPadding(padding);
    }
}
