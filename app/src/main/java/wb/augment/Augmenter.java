package wb.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

import wb.imaging.ImageOps;
import wb.imaging.Raster;

/**
 * Random image augmentation in the style of Keras's {@code ImageDataGenerator}, split into a random step
 * ({@link #sample}) and a pure step ({@link #apply}) so that every augmented image can be reproduced from
 * its parameters and labelled with {@link #describe} (fastai's {@code RandTransform} does the same).
 * Instances are immutable and thread-safe; each thread supplies its own generator.
 */
public final class Augmenter {

    /** Channel deltas are always drawn for three channels, so grey and colour images use the stream alike. */
    private static final int MAX_CHANNELS = 3;
    private static final double EPS = 1e-12;
    /** Random erasing's ranges, as in Zhong et al. (2017) and fastai: area 2-40% of the image, aspect 0.3-3.3. */
    private static final double ERASE_MIN_AREA = 0.02;
    private static final double ERASE_MAX_AREA = 0.4;
    private static final double ERASE_MIN_ASPECT = 0.3;

    private final AugmentConfig config;

    public Augmenter(AugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AugmentConfig config() {
        return config;
    }

    /**
     * Draws one set of parameters for an image of the given size; the only random step. It always draws
     * the same count of numbers in the same order, whatever the ranges are, so moving one slider in the UI
     * changes only that effect in a montage and leaves the other draws of the same seed in place.
     */
    public AugmentParams sample(RandomGenerator rng, int width, int height, int channels) {
        Objects.requireNonNull(rng, "rng");
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        double rotation = symmetric(rng, config.rotationRange());
        double shiftX = symmetric(rng, config.widthShift()) * width;
        double shiftY = symmetric(rng, config.heightShift()) * height;
        double shear = symmetric(rng, config.shearRange());
        double zoomX = between(rng, config.zoomMin(), config.zoomMax());
        double zoomY = between(rng, config.zoomMin(), config.zoomMax());
        float[] drawn = new float[MAX_CHANNELS];
        for (int c = 0; c < MAX_CHANNELS; c++) drawn[c] = (float) symmetric(rng, config.channelShift());
        float[] delta = new float[channels];
        System.arraycopy(drawn, 0, delta, 0, channels);
        boolean flipH = rng.nextBoolean() && config.horizontalFlip();
        boolean flipV = rng.nextBoolean() && config.verticalFlip();
        int p = config.cropPadding();
        int cropX = rng.nextInt(2 * p + 1) - p;
        int cropY = rng.nextInt(2 * p + 1) - p;
        AugmentParams.Erase erase = erase(rng, width, height);
        return new AugmentParams(rotation, shiftX, shiftY, shear, zoomX, zoomY, delta, flipH, flipV, cropX, cropY, erase);
    }

    /** Random erasing's draws (always six numbers): whether, the area fraction, the aspect ratio, the place, the noise seed. */
    private AugmentParams.Erase erase(RandomGenerator rng, int width, int height) {
        double u = rng.nextDouble();
        double area = ERASE_MIN_AREA + rng.nextDouble() * (ERASE_MAX_AREA - ERASE_MIN_AREA);
        double logAspect = Math.log(ERASE_MIN_ASPECT) + rng.nextDouble() * (Math.log(1 / ERASE_MIN_ASPECT) - Math.log(ERASE_MIN_ASPECT));
        double fx = rng.nextDouble();
        double fy = rng.nextDouble();
        long seed = rng.nextLong();
        if (!(u < config.erasing())) return null;
        double pixels = area * width * height;
        double aspect = Math.exp(logAspect);
        int w = (int) Math.max(1, Math.min(width, Math.round(Math.sqrt(pixels * aspect))));
        int h = (int) Math.max(1, Math.min(height, Math.round(Math.sqrt(pixels / aspect))));
        int x = (int) Math.min(width - w, Math.floor(fx * (width - w + 1)));
        int y = (int) Math.min(height - h, Math.floor(fy * (height - h + 1)));
        return new AugmentParams.Erase(x, y, w, h, seed);
    }

    /**
     * Applies {@code params} to {@code image}; pure and deterministic. Order: one affine warp combining
     * rotation, shift, shear and zoom about the image centre (bilinear, filled per the config), then the
     * flips, the channel shift, the random crop and random erasing. Identity parameters return the image itself.
     */
    public Raster apply(Raster image, AugmentParams params) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(params, "params");
        Raster out = image;
        double[] m = affine(params, image.width(), image.height());
        if (!isIdentity(m)) out = ImageOps.warpAffine(out, m, config.fillMode(), config.fillValue());
        out = ImageOps.flip(out, params.flipH(), params.flipV());
        if (params.hasChannelShift()) out = ImageOps.shiftChannels(out, fitChannels(params.channelDelta(), out.channels()));
        int pad = Math.max(Math.abs(params.cropX()), Math.abs(params.cropY()));
        if (pad > 0) {
            // Padding by exactly the offset needed gives the same pixels as padding by the configured amount:
            // every fill mode is defined relative to the image edge, not to the padding width.
            Raster padded = ImageOps.pad(out, pad, config.fillMode(), config.fillValue());
            out = ImageOps.crop(padded, pad + params.cropX(), pad + params.cropY(), out.width(), out.height());
        }
        if (params.erase() != null) out = erase(out, params.erase());
        return out;
    }

    /** Overwrites the rectangle (clipped to the image) with uniform noise drawn from its seed. */
    static Raster erase(Raster image, AugmentParams.Erase e) {
        int w = image.width();
        int c = image.channels();
        byte[] px = image.pixels().clone();
        java.util.SplittableRandom noise = new java.util.SplittableRandom(e.seed());
        int x1 = Math.min(w, e.x() + e.width());
        int y1 = Math.min(image.height(), e.y() + e.height());
        for (int y = e.y(); y < y1; y++) {
            for (int x = e.x(); x < x1; x++) {
                for (int ch = 0; ch < c; ch++) px[(y * w + x) * c + ch] = (byte) noise.nextInt(256);
            }
        }
        return new Raster(w, image.height(), c, px);
    }

    /** Samples and applies in one call, for training loops that need no caption. */
    public Raster augment(Raster image, RandomGenerator rng) {
        return apply(image, sample(rng, image.width(), image.height(), image.channels()));
    }

    /**
     * A short ASCII caption of the effects that are not identity, e.g.
     * {@code "rot -7.2deg sh 3.1deg zoom 1.04/0.97 dx 2 dy -1 ch +4/-2/+7 flipH"}; "identity" when none.
     */
    public String describe(AugmentParams p) {
        List<String> parts = new ArrayList<>();
        if (p.rotation() != 0) parts.add(String.format(Locale.ROOT, "rot %.1fdeg", p.rotation()));
        if (p.shear() != 0) parts.add(String.format(Locale.ROOT, "sh %.1fdeg", p.shear()));
        if (p.zoomX() != 1 || p.zoomY() != 1) parts.add(String.format(Locale.ROOT, "zoom %.2f/%.2f", p.zoomX(), p.zoomY()));
        if (p.shiftX() != 0 || p.shiftY() != 0) parts.add("dx " + Math.round(p.shiftX()) + " dy " + Math.round(p.shiftY()));
        if (p.hasChannelShift()) {
            StringBuilder b = new StringBuilder("ch");
            float[] d = p.channelDelta();
            for (int c = 0; c < d.length; c++) b.append(c == 0 ? " " : "/").append(String.format(Locale.ROOT, "%+d", Math.round(d[c])));
            parts.add(b.toString());
        }
        if (p.flipH()) parts.add("flipH");
        if (p.flipV()) parts.add("flipV");
        if (p.cropX() != 0 || p.cropY() != 0) parts.add(String.format(Locale.ROOT, "crop %+d/%+d", p.cropX(), p.cropY()));
        if (p.erase() != null) parts.add("erase " + p.erase().width() + "x" + p.erase().height());
        return parts.isEmpty() ? "identity" : String.join(" ", parts);
    }

    /**
     * The 2x3 output-to-input matrix for {@link ImageOps#warpAffine}: Keras's {@code apply_affine_transform}
     * product rotation * shift * shear * zoom, rewritten from scipy's (row, col) order into (x, y), taken
     * about the image centre. Keras centres on {@code size/2 + 0.5}; this uses the exact pixel-grid centre
     * {@code (size-1)/2}, so a 90-degree turn of a square image maps pixels exactly onto pixels.
     */
    static double[] affine(AugmentParams p, int width, int height) {
        double t = Math.toRadians(p.rotation());
        double s = Math.toRadians(p.shear());
        double[] rotation = {Math.cos(t), Math.sin(t), 0, -Math.sin(t), Math.cos(t), 0};
        // The output samples the input at (x - shift): content moves by +shift.
        double[] shift = {1, 0, -p.shiftX(), 0, 1, -p.shiftY()};
        double[] shear = {Math.cos(s), 0, 0, -Math.sin(s), 1, 0};
        double[] zoom = {p.zoomX(), 0, 0, 0, p.zoomY(), 0};
        double[] m = multiply(multiply(multiply(rotation, shift), shear), zoom);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        // centre^-1 applied to output coordinates first, centre applied to the sampled input position last.
        return multiply(multiply(new double[] {1, 0, cx, 0, 1, cy}, m), new double[] {1, 0, -cx, 0, 1, -cy});
    }

    /** Product of two affine maps given as 2x3 row-major matrices with an implied last row (0, 0, 1). */
    private static double[] multiply(double[] a, double[] b) {
        return new double[] {
            a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
            a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5],
        };
    }

    private static boolean isIdentity(double[] m) {
        return Math.abs(m[0] - 1) < EPS && Math.abs(m[1]) < EPS && Math.abs(m[2]) < EPS
                && Math.abs(m[3]) < EPS && Math.abs(m[4] - 1) < EPS && Math.abs(m[5]) < EPS;
    }

    /** Parameters drawn for one channel count applied to another: grey uses the first delta, RGB repeats it. */
    private static float[] fitChannels(float[] delta, int channels) {
        if (delta.length == channels) return delta;
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) out[c] = delta[Math.min(c, delta.length - 1)];
        return out;
    }

    /** Uniform in [-range, range]; draws even when the range is 0 so the stream stays aligned. */
    private static double symmetric(RandomGenerator rng, double range) {
        double u = rng.nextDouble();
        return range == 0 ? 0.0 : range * (2 * u - 1);
    }

    private static double between(RandomGenerator rng, double min, double max) {
        double u = rng.nextDouble();
        return min == max ? min : min + (max - min) * u;
    }
}
