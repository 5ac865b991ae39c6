package wb.model;

import java.util.Arrays;

import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;

/**
 * How a decoded image becomes the network's input: channel conversion, resize to the input size, scale to
 * [0,1], then per-channel standardisation with the mean and standard deviation measured on the training
 * split. Stored in every model card so prediction repeats exactly what training did.
 *
 * @param mean         per-channel mean on the [0,1] scale, in the network's channel order
 * @param std          per-channel standard deviation on the [0,1] scale, in the network's channel order
 * @param channelOrder the order of the colour planes the network takes: RGB (ours), or BGR for weights converted
 *                     from Caffe/Keras that DL4J pairs with its (BGR) NativeImageLoader
 */
public record Preprocessing(InputShape input, ResizePolicy resize, float[] mean, float[] std, ChannelOrder channelOrder) {

    /** Order of the colour planes in the input tensor. */
    public enum ChannelOrder { RGB, BGR }

    /** RGB input. */
    public Preprocessing(InputShape input, ResizePolicy resize, float[] mean, float[] std) {
        this(input, resize, mean, std, ChannelOrder.RGB);
    }

    public Preprocessing {
        if (channelOrder == null) channelOrder = ChannelOrder.RGB;
        if (mean.length != input.channels() || std.length != input.channels()) {
            throw new IllegalArgumentException("mean/std need one value per input channel (" + input.channels() + ")");
        }
        for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std values must be > 0: " + Arrays.toString(std));
        mean = mean.clone();
        std = std.clone();
    }

    /** Identity normalisation (mean 0, std 1). */
    public static Preprocessing unnormalised(InputShape input, ResizePolicy resize) {
        float[] zero = new float[input.channels()];
        float[] one = new float[input.channels()];
        Arrays.fill(one, 1f);
        return new Preprocessing(input, resize, zero, one);
    }

    @Override public float[] mean() { return mean.clone(); }

    @Override public float[] std() { return std.clone(); }

    /** Converts channels and resizes to the input size (the 8-bit stage, before augmentation). */
    public Raster prepare(Raster decoded) {
        Raster r = ImageOps.toChannels(decoded, input.channels());
        return ImageOps.resize(r, input.width(), input.height(), resize);
    }

    /** Writes a prepared raster as normalised CHW floats into {@code dst} at {@code offset}. */
    public void toTensor(Raster prepared, float[] dst, int offset) {
        ImageOps.toFloatChw(prepared, dst, offset);
        int plane = input.height() * input.width();
        if (channelOrder == ChannelOrder.BGR && input.channels() == 3) {
            // Swap the R and B planes in place: the tensor's plane 0 becomes blue.
            for (int i = 0; i < plane; i++) {
                float r = dst[offset + i];
                dst[offset + i] = dst[offset + 2 * plane + i];
                dst[offset + 2 * plane + i] = r;
            }
        }
        for (int c = 0; c < input.channels(); c++) {
            float m = mean[c];
            float inv = 1f / std[c];
            int o = offset + c * plane;
            for (int i = 0; i < plane; i++) dst[o + i] = (dst[o + i] - m) * inv;
        }
    }

    /** Per-channel mean and standard deviation of prepared rasters, on the [0,1] scale. */
    public static float[][] measure(Iterable<Raster> prepared, int channels) {
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        long n = 0;
        for (Raster r : prepared) {
            byte[] p = r.pixels();
            int px = r.width() * r.height();
            for (int i = 0; i < px; i++) {
                for (int c = 0; c < channels; c++) {
                    double v = (p[i * channels + c] & 0xff) / 255.0;
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
            n += px;
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = n == 0 ? 0 : sum[c] / n;
            double var = n == 0 ? 1 : Math.max(sq[c] / n - m * m, 0);
            mean[c] = (float) m;
            std[c] = (float) Math.max(Math.sqrt(var), 1e-3); // a constant channel must not divide by zero
        }
        return new float[][] {mean, std};
    }

    @Override public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.input.equals(input) && p.resize == resize
                && Arrays.equals(p.mean, mean) && Arrays.equals(p.std, std) && p.channelOrder == channelOrder;
    }

    @Override public int hashCode() {
        return input.hashCode() * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std) + channelOrder.hashCode();
    }

    @Override public String toString() {
        return "Preprocessing[" + input + ", " + resize + ", " + channelOrder + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
