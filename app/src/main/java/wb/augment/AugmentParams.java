package wb.augment;

import java.util.Arrays;
import java.util.Objects;

/**
 * One drawn set of augmentation values, produced by {@link Augmenter#sample} and consumed by
 * {@link Augmenter#apply}; keeping it separate makes every augmented image reproducible and describable.
 *
 * @param rotation     degrees; positive turns the content clockwise as displayed (Keras's matrix)
 * @param shiftX       pixels the content moves right (negative: left)
 * @param shiftY       pixels the content moves down (negative: up)
 * @param shear        degrees, Keras's shear matrix
 * @param zoomX        horizontal zoom factor, Keras semantics: above 1 the content shrinks
 * @param zoomY        vertical zoom factor, drawn independently of {@code zoomX} as Keras does
 * @param channelDelta intensity added to each channel (one entry per channel of the image)
 * @param flipH        mirror left-right
 * @param flipV        mirror top-bottom
 * @param cropX        random-crop offset in pixels from the centred window, to the right
 * @param cropY        random-crop offset in pixels from the centred window, downwards
 * @param erase        the rectangle random erasing replaces with noise, or null for none
 */
public record AugmentParams(double rotation, double shiftX, double shiftY, double shear, double zoomX, double zoomY,
                            float[] channelDelta, boolean flipH, boolean flipV, int cropX, int cropY, Erase erase) {

    /**
     * A rectangle of the (final) image to overwrite with noise.
     *
     * @param seed seeds the noise, so the erased pixels are reproducible too
     */
    public record Erase(int x, int y, int width, int height, long seed) {
        public Erase {
            if (x < 0 || y < 0 || width < 1 || height < 1) throw new IllegalArgumentException("bad erase rectangle " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** Parameters without random erasing. */
    public AugmentParams(double rotation, double shiftX, double shiftY, double shear, double zoomX, double zoomY,
                         float[] channelDelta, boolean flipH, boolean flipV, int cropX, int cropY) {
        this(rotation, shiftX, shiftY, shear, zoomX, zoomY, channelDelta, flipH, flipV, cropX, cropY, null);
    }

    public AugmentParams {
        Objects.requireNonNull(channelDelta, "channelDelta");
        if (!(zoomX > 0) || !(zoomY > 0)) throw new IllegalArgumentException("zoom factors must be positive, got " + zoomX + "/" + zoomY);
        if (!Double.isFinite(rotation) || !Double.isFinite(shiftX) || !Double.isFinite(shiftY) || !Double.isFinite(shear)) {
            throw new IllegalArgumentException("rotation, shifts and shear must be finite numbers");
        }
        channelDelta = channelDelta.clone(); // records are values: nobody may change the draw afterwards
    }

    /** The parameters that change nothing, for an image with {@code channels} channels. */
    public static AugmentParams identity(int channels) {
        return new AugmentParams(0, 0, 0, 0, 1, 1, new float[channels], false, false, 0, 0);
    }

    /** A copy of the per-channel intensity offsets. */
    @Override
    public float[] channelDelta() {
        return channelDelta.clone();
    }

    /** True when applying these parameters returns the image unchanged. */
    public boolean isIdentity() {
        for (float d : channelDelta) if (d != 0f) return false;
        return rotation == 0 && shiftX == 0 && shiftY == 0 && shear == 0 && zoomX == 1 && zoomY == 1
                && !flipH && !flipV && cropX == 0 && cropY == 0 && erase == null;
    }

    boolean hasChannelShift() {
        for (float d : channelDelta) if (d != 0f) return true;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AugmentParams p
                && Double.compare(rotation, p.rotation) == 0 && Double.compare(shiftX, p.shiftX) == 0
                && Double.compare(shiftY, p.shiftY) == 0 && Double.compare(shear, p.shear) == 0
                && Double.compare(zoomX, p.zoomX) == 0 && Double.compare(zoomY, p.zoomY) == 0
                && Arrays.equals(channelDelta, p.channelDelta) && flipH == p.flipH && flipV == p.flipV
                && cropX == p.cropX && cropY == p.cropY && Objects.equals(erase, p.erase);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rotation, shiftX, shiftY, shear, zoomX, zoomY, Arrays.hashCode(channelDelta), flipH, flipV, cropX, cropY, erase);
    }

    @Override
    public String toString() {
        return "AugmentParams[rotation=" + rotation + ", shiftX=" + shiftX + ", shiftY=" + shiftY + ", shear=" + shear
                + ", zoomX=" + zoomX + ", zoomY=" + zoomY + ", channelDelta=" + Arrays.toString(channelDelta)
                + ", flipH=" + flipH + ", flipV=" + flipV + ", cropX=" + cropX + ", cropY=" + cropY + ", erase=" + erase + "]";
    }
}
