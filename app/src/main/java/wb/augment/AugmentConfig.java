package wb.augment;

import java.util.Objects;

import wb.imaging.FillMode;

/**
 * The ranges random augmentation draws from, with the meaning of Keras's {@code ImageDataGenerator}.
 *
 * @param rotationRange  degrees; the angle is uniform in {@code [-rotationRange, rotationRange]}, 0..180
 * @param widthShift     fraction of the width; the horizontal shift is uniform in {@code [-w, w] * width}, 0..1
 * @param heightShift    fraction of the height, as {@code widthShift}
 * @param shearRange     degrees; the shear angle is uniform in {@code [-s, s]}, 0..<90
 * @param zoomMin        smallest zoom factor (Keras semantics: above 1 samples a larger area, so content
 *                       shrinks); x and y factors are drawn independently from {@code [zoomMin, zoomMax]}
 * @param zoomMax        largest zoom factor, at least {@code zoomMin}
 * @param channelShift   intensity 0..255; each channel gets its own offset uniform in {@code [-c, c]}
 * @param horizontalFlip flip left-right with probability 1/2
 * @param verticalFlip   flip top-bottom with probability 1/2
 * @param fillMode       how areas moved in from outside the image are filled
 * @param fillValue      0..255, the fill for {@link FillMode#CONSTANT}
 * @param cropPadding    random crop: pad by this many pixels, then crop back to the original size at a
 *                       random offset; 0 turns it off
 * @param erasing        random erasing (Zhong et al. 2017; fastai's RandomErasing): the probability, 0..1, that a
 *                       rectangle of 2-40% of the image, aspect ratio 0.3-3.3, is replaced by random pixels
 */
public record AugmentConfig(double rotationRange, double widthShift, double heightShift, double shearRange,
                            double zoomMin, double zoomMax, double channelShift, boolean horizontalFlip,
                            boolean verticalFlip, FillMode fillMode, int fillValue, int cropPadding, double erasing) {

    /** Settings without random erasing. */
    public AugmentConfig(double rotationRange, double widthShift, double heightShift, double shearRange,
                         double zoomMin, double zoomMax, double channelShift, boolean horizontalFlip,
                         boolean verticalFlip, FillMode fillMode, int fillValue, int cropPadding) {
        this(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift, horizontalFlip, verticalFlip, fillMode,
                fillValue, cropPadding, 0);
    }

    public AugmentConfig {
        check(erasing, 0, 1, "random erasing", "a probability, e.g. 0.5");
        Objects.requireNonNull(fillMode, "fillMode: choose NEAREST, CONSTANT, REFLECT or WRAP");
        check(rotationRange, 0, 180, "rotation range", "degrees, e.g. 10");
        check(widthShift, 0, 1, "width shift", "a fraction of the width, e.g. 0.1 for 10%");
        check(heightShift, 0, 1, "height shift", "a fraction of the height, e.g. 0.1 for 10%");
        check(shearRange, 0, 89, "shear range", "degrees, e.g. 8.6");
        if (!(zoomMin > 0) || !(zoomMax <= 10)) { // the negations also reject NaN
            throw new IllegalArgumentException("zoom must lie in (0, 10], got " + zoomMin + ".." + zoomMax
                    + "; use 1..1 for no zoom or e.g. 0.9..1.1");
        }
        if (zoomMin > zoomMax) {
            throw new IllegalArgumentException("zoom minimum " + zoomMin + " is larger than the maximum " + zoomMax + "; swap them");
        }
        check(channelShift, 0, 255, "channel shift", "an intensity 0..255, e.g. 10");
        if (fillValue < 0 || fillValue > 255) {
            throw new IllegalArgumentException("fill value must be 0..255 (the grey level for CONSTANT fill), got " + fillValue);
        }
        if (cropPadding < 0 || cropPadding > 1024) {
            throw new IllegalArgumentException("crop padding must be 0..1024 pixels (0 turns random crop off), got " + cropPadding);
        }
    }

    /** No augmentation: {@link Augmenter#apply} returns its input unchanged. */
    public static AugmentConfig none() {
        return new AugmentConfig(0, 0, 0, 0, 1, 1, 0, false, false, FillMode.NEAREST, 0, 0);
    }

    /**
     * Horizontal flips only: the training default. On small, centred images such as Fashion-MNIST it
     * measured best of the presets within 10 epochs (docs/benchmarks.md); geometric jitter there mostly
     * slows convergence.
     */
    public static AugmentConfig flips() {
        return none().withFlips(true, false);
    }

    /** Gentle, label-safe changes for natural photos: small rotation, shift and zoom, and mirroring. */
    public static AugmentConfig light() {
        return new AugmentConfig(5, 0.05, 0.05, 0, 0.95, 1.05, 0, true, false, FillMode.NEAREST, 0, 0);
    }

    /**
     * The fast.ai 2017 lesson's generator: {@code ImageDataGenerator(rotation_range=10,
     * width_shift_range=0.1, height_shift_range=0.1, shear_range=0.15, zoom_range=0.1,
     * channel_shift_range=10., horizontal_flip=True)}. That course ran Keras 1, whose shear is in
     * radians, so 0.15 becomes about 8.6 degrees here (Keras 2 reads the same literal as 0.15 degrees,
     * a no-op); {@code zoom_range=0.1} means {@code [0.9, 1.1]}.
     */
    public static AugmentConfig kerasLesson() {
        return new AugmentConfig(10, 0.1, 0.1, Math.toDegrees(0.15), 0.9, 1.1, 10, true, false, FillMode.NEAREST, 0, 0);
    }

    /** True when every draw would be the identity, so augmentation can be skipped altogether. */
    public boolean isIdentity() {
        return rotationRange == 0 && widthShift == 0 && heightShift == 0 && shearRange == 0 && zoomMin == 1
                && zoomMax == 1 && channelShift == 0 && !horizontalFlip && !verticalFlip && cropPadding == 0 && erasing == 0;
    }

    public AugmentConfig withRotationRange(double degrees) {
        return new AugmentConfig(degrees, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, erasing);
    }

    /** Sets the width and height shift fractions. */
    public AugmentConfig withShift(double width, double height) {
        return new AugmentConfig(rotationRange, width, height, shearRange, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, erasing);
    }

    public AugmentConfig withShearRange(double degrees) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, degrees, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, erasing);
    }

    public AugmentConfig withZoom(double min, double max) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, min, max, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, erasing);
    }

    /** Sets the zoom range Keras-style: {@code [1 - range, 1 + range]}. */
    public AugmentConfig withZoomRange(double range) {
        return withZoom(1 - range, 1 + range);
    }

    public AugmentConfig withChannelShift(double intensity) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, intensity,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, erasing);
    }

    public AugmentConfig withFlips(boolean horizontal, boolean vertical) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift,
                horizontal, vertical, fillMode, fillValue, cropPadding, erasing);
    }

    public AugmentConfig withFill(FillMode mode, int value) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, mode, value, cropPadding, erasing);
    }

    public AugmentConfig withCropPadding(int pixels) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, pixels, erasing);
    }

    /** Sets the random-erasing probability (0 turns it off). */
    public AugmentConfig withErasing(double probability) {
        return new AugmentConfig(rotationRange, widthShift, heightShift, shearRange, zoomMin, zoomMax, channelShift,
                horizontalFlip, verticalFlip, fillMode, fillValue, cropPadding, probability);
    }

    private static void check(double value, double min, double max, String name, String hint) {
        if (!(value >= min && value <= max)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + value
                    + (value < 0 ? " (it is a range: use a positive value, the sign is drawn at random)" : "") + "; give " + hint);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
