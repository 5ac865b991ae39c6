package wb.imaging;

import java.util.Objects;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Pure pixel operations on {@link Raster}s: resize, affine warp, flip, crop, pad, channel shift, channel
 * conversion and conversion to the float CHW layout networks consume. Every method returns a new raster
 * (or the argument itself when the operation is a no-op, which is safe because rasters are immutable).
 */
public final class ImageOps {

    /** {@code UNIT[v] == v / 255f}, exact, so the hot path needs no int-to-float conversion or division. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) UNIT[v] = v / 255f;
    }

    private ImageOps() { }

    /**
     * Resizes to exactly {@code width x height}. Shrinking uses {@code INTER_AREA} (averages the source
     * pixels, so no aliasing); enlarging uses {@code INTER_LINEAR}.
     */
    public static Raster resize(Raster src, int width, int height, ResizePolicy policy) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(policy, "policy");
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        if (src.width() == width && src.height() == height) return src;
        Raster from = src;
        if (policy == ResizePolicy.CROP_CENTER) {
            // Cropping the source to the target aspect first and then resizing once gives the same picture
            // as "resize the shorter side, then centre-crop", with one interpolation and less work.
            long sw = src.width();
            long sh = src.height();
            int cw = src.width();
            int ch = src.height();
            if (sw * height > sh * width) {
                cw = (int) Math.max(1, Math.min(sw, Math.round((double) sh * width / height)));
            } else {
                ch = (int) Math.max(1, Math.min(sh, Math.round((double) sw * height / width)));
            }
            from = crop(src, (src.width() - cw) / 2, (src.height() - ch) / 2, cw, ch);
            if (from.width() == width && from.height() == height) return from;
        }
        boolean shrinking = width <= from.width() && height <= from.height();
        return resizeWith(from, width, height, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
    }

    /** Resizes with an explicit OpenCV interpolation flag (package use: the grid wants nearest-neighbour). */
    static Raster resizeWith(Raster src, int width, int height, int interpolation) {
        if (src.width() == width && src.height() == height) return src;
        Mat in = Mats.toMat(src);
        Mat out = new Mat();
        try {
            Imgproc.resize(in, out, new Size(width, height), 0, 0, interpolation);
            return Mats.toRaster(out, src.channels());
        } finally {
            in.release();
            out.release();
        }
    }

    /**
     * Applies an affine transform with bilinear interpolation; the output has the source's size.
     * {@code m} is a 2x3 row-major matrix that maps each <em>output</em> pixel {@code (x, y)} to the
     * <em>input</em> position it samples: {@code xIn = m[0]*x + m[1]*y + m[2]},
     * {@code yIn = m[3]*x + m[4]*y + m[5]} (the convention of scipy's {@code affine_transform} and so of
     * Keras). Pixel centres are at integer coordinates, x to the right and y downwards. Positions outside
     * the source are filled according to {@code fill}; {@code constantValue} (0..255, every channel) is
     * used only by {@link FillMode#CONSTANT}.
     */
    public static Raster warpAffine(Raster src, double[] m, FillMode fill, int constantValue) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(fill, "fill");
        if (m == null || m.length != 6) throw new IllegalArgumentException("affine matrix must have 6 entries (2x3, row-major)");
        checkByte(constantValue, "constantValue");
        Mat in = Mats.toMat(src);
        Mat mat = new Mat(2, 3, CvType.CV_64FC1);
        Mat out = new Mat();
        try {
            mat.put(0, 0, m);
            // WARP_INVERSE_MAP: our matrix already maps output to input, which is what OpenCV samples with.
            Imgproc.warpAffine(in, out, mat, in.size(), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                    border(fill), new Scalar(constantValue, constantValue, constantValue, 0));
            return Mats.toRaster(out, src.channels());
        } finally {
            in.release();
            mat.release();
            out.release();
        }
    }

    /** Mirrors left-right when {@code horizontal}, top-bottom when {@code vertical}. */
    public static Raster flip(Raster src, boolean horizontal, boolean vertical) {
        Objects.requireNonNull(src, "src");
        if (!horizontal && !vertical) return src;
        int w = src.width();
        int h = src.height();
        int c = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        int rowBytes = w * c;
        for (int y = 0; y < h; y++) {
            int srcRow = (vertical ? h - 1 - y : y) * rowBytes;
            int dstRow = y * rowBytes;
            if (!horizontal) {
                System.arraycopy(in, srcRow, out, dstRow, rowBytes);
                continue;
            }
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, srcRow + (w - 1 - x) * c, out, dstRow + x * c, c);
            }
        }
        return new Raster(w, h, c, out);
    }

    /** The {@code w x h} region whose top-left pixel is {@code (x, y)}; it must lie inside the source. */
    public static Raster crop(Raster src, int x, int y, int w, int h) {
        Objects.requireNonNull(src, "src");
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > src.width() || y + h > src.height()) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x + ", " + y + ") does not fit in a "
                    + src.width() + "x" + src.height() + " image");
        }
        if (x == 0 && y == 0 && w == src.width() && h == src.height()) return src;
        int c = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[w * h * c];
        int rowBytes = w * c;
        for (int row = 0; row < h; row++) {
            System.arraycopy(in, ((y + row) * src.width() + x) * c, out, row * rowBytes, rowBytes);
        }
        return new Raster(w, h, c, out);
    }

    /** Adds {@code px} pixels on every side, filled according to {@code fill} ({@code cval} for CONSTANT). */
    public static Raster pad(Raster src, int px, FillMode fill, int cval) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(fill, "fill");
        if (px < 0) throw new IllegalArgumentException("padding must be >= 0, not " + px);
        checkByte(cval, "cval");
        if (px == 0) return src;
        Mat in = Mats.toMat(src);
        Mat out = new Mat();
        try {
            Core.copyMakeBorder(in, out, px, px, px, px, border(fill), new Scalar(cval, cval, cval, 0));
            return Mats.toRaster(out, src.channels());
        } finally {
            in.release();
            out.release();
        }
    }

    /**
     * Adds {@code perChannelDelta[c]} to every value of channel {@code c}, rounding and saturating to
     * 0..255 (Keras's {@code channel_shift_range}). The array length must equal the channel count.
     */
    public static Raster shiftChannels(Raster src, float[] perChannelDelta) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(perChannelDelta, "perChannelDelta");
        int c = src.channels();
        if (perChannelDelta.length != c) {
            throw new IllegalArgumentException("got " + perChannelDelta.length + " channel deltas for a " + c + "-channel image");
        }
        boolean any = false;
        for (float d : perChannelDelta) {
            if (!Float.isFinite(d)) throw new IllegalArgumentException("channel delta must be finite, not " + d);
            any |= d != 0f;
        }
        if (!any) return src;
        // One lookup table per channel: 256 entries are far fewer than the pixels they serve.
        byte[][] lut = new byte[c][256];
        for (int ch = 0; ch < c; ch++) {
            for (int v = 0; v < 256; v++) lut[ch][v] = (byte) clampByte(Math.round(v + perChannelDelta[ch]));
        }
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += c) {
            for (int ch = 0; ch < c; ch++) out[i + ch] = lut[ch][in[i + ch] & 0xff];
        }
        return new Raster(src.width(), src.height(), c, out);
    }

    /**
     * Converts to {@code channels} (1 or 3): grey to RGB copies the value into all three channels, RGB to
     * grey uses the ITU-R BT.601 luma weights (OpenCV's {@code COLOR_RGB2GRAY}).
     */
    public static Raster toChannels(Raster src, int channels) {
        Objects.requireNonNull(src, "src");
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        if (src.channels() == channels) return src;
        if (channels == 3) {
            byte[] in = src.pixels();
            byte[] out = new byte[in.length * 3];
            for (int i = 0, o = 0; i < in.length; i++, o += 3) {
                out[o] = in[i];
                out[o + 1] = in[i];
                out[o + 2] = in[i];
            }
            return new Raster(src.width(), src.height(), 3, out);
        }
        Mat in = Mats.toMat(src);
        try {
            return Mats.toRaster(in, 1); // the mat is BGR, which toRaster converts with BGR2GRAY
        } finally {
            in.release();
        }
    }

    /**
     * Writes the raster into {@code dst} from {@code offset} as channel-major (CHW) floats in [0, 1]: all
     * of channel 0 row by row, then channel 1, and so on; {@code channels * height * width} values.
     * Allocates nothing, so it can run once per image in the training loop.
     */
    public static void toFloatChw(Raster src, float[] dst, int offset) {
        int c = src.channels();
        int plane = src.width() * src.height();
        if (offset < 0 || dst.length - offset < plane * c) {
            throw new IllegalArgumentException("destination needs " + plane * c + " floats from offset " + offset + ", has " + (dst.length - offset));
        }
        byte[] px = src.pixels();
        if (c == 1) {
            for (int i = 0; i < plane; i++) dst[offset + i] = UNIT[px[i] & 0xff];
            return;
        }
        // Read the interleaved bytes sequentially and write the planes with c independent streams.
        for (int ch = 0; ch < c; ch++) {
            int o = offset + ch * plane;
            for (int i = 0, p = ch; i < plane; i++, p += c) dst[o + i] = UNIT[px[p] & 0xff];
        }
    }

    /**
     * The inverse of {@link #toFloatChw}: reads {@code channels x height x width} floats from
     * {@code offset}, scales by 255, rounds and clamps to 0..255. For tests and visualising tensors.
     */
    public static Raster fromFloatChw(float[] src, int offset, int width, int height, int channels) {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        int plane = width * height;
        if (offset < 0 || src.length - offset < plane * channels) {
            throw new IllegalArgumentException("source needs " + plane * channels + " floats from offset " + offset);
        }
        byte[] out = new byte[plane * channels];
        for (int ch = 0; ch < channels; ch++) {
            int o = offset + ch * plane;
            for (int i = 0; i < plane; i++) {
                float v = src[o + i];
                out[i * channels + ch] = (byte) (Float.isNaN(v) ? 0 : clampByte(Math.round(v * 255f)));
            }
        }
        return new Raster(width, height, channels, out);
    }

    static int border(FillMode fill) {
        return switch (fill) {
            case NEAREST -> Core.BORDER_REPLICATE;
            case CONSTANT -> Core.BORDER_CONSTANT;
            case REFLECT -> Core.BORDER_REFLECT;
            case WRAP -> Core.BORDER_WRAP;
        };
    }

    private static int clampByte(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static void checkByte(int v, String name) {
        if (v < 0 || v > 255) throw new IllegalArgumentException(name + " must be 0..255, not " + v);
    }
}
