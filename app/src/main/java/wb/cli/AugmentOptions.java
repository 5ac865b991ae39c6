package wb.cli;

import picocli.CommandLine.Option;

import wb.augment.AugmentConfig;
import wb.imaging.FillMode;

/** Augmentation options shared by train and augment-preview: a preset, then per-parameter overrides. */
final class AugmentOptions {

    @Option(names = "--augment",
            description = "Preset: none, flip (horizontal flips), crop-flip (pad 2 + random crop + flips), light, keras (the fast.ai/Keras "
                    + "lesson values). Default: flip for train, keras for augment-preview.")
    String preset;

    @Option(names = "--rotation", description = "Rotation range in degrees.") Double rotation;
    @Option(names = "--shift", description = "Width and height shift as a fraction, e.g. 0.1.") Double shift;
    @Option(names = "--shear", description = "Shear range in degrees.") Double shear;
    @Option(names = "--zoom", description = "Zoom range, e.g. 0.1 for 0.9..1.1.") Double zoom;
    @Option(names = "--channel-shift", description = "Channel shift intensity 0..255.") Double channelShift;
    @Option(names = "--hflip", negatable = true, description = "Random horizontal flips.") Boolean hflip;
    @Option(names = "--vflip", negatable = true, description = "Random vertical flips.") Boolean vflip;
    @Option(names = "--fill", description = "Fill mode: ${COMPLETION-CANDIDATES}.") FillMode fill;
    @Option(names = "--crop-padding", description = "Random crop: pad by N pixels, then crop back (0 = off).") Integer cropPadding;
    @Option(names = "--erase", paramLabel = "P",
            description = "Random erasing: with probability P, replace a random rectangle (2-40%% of the image) with noise (0 = off).") Double erase;

    /** The preset (or {@code defaultPreset} when none was given) with the overrides applied. */
    AugmentConfig config(String defaultPreset) {
        String name = preset != null ? preset : defaultPreset;
        AugmentConfig c = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> AugmentConfig.none();
            case "light" -> AugmentConfig.light();
            case "keras" -> AugmentConfig.kerasLesson();
            case "flip" -> AugmentConfig.flips();
            case "crop-flip" -> AugmentConfig.flips().withCropPadding(2);
            default -> throw new IllegalArgumentException("unknown augmentation preset '" + name + "': use none, flip, crop-flip, light or keras");
        };
        if (rotation != null) c = c.withRotationRange(rotation);
        if (shift != null) c = c.withShift(shift, shift);
        if (shear != null) c = c.withShearRange(shear);
        if (zoom != null) c = c.withZoomRange(zoom);
        if (channelShift != null) c = c.withChannelShift(channelShift);
        if (hflip != null || vflip != null) c = c.withFlips(hflip != null ? hflip : c.horizontalFlip(), vflip != null ? vflip : c.verticalFlip());
        if (fill != null) c = c.withFill(fill, c.fillValue());
        if (cropPadding != null) c = c.withCropPadding(cropPadding);
        if (erase != null) c = c.withErasing(erase);
        return c;
    }
}
