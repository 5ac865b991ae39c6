package wb.imaging;

import java.util.Objects;

/**
 * An 8-bit image held on the Java heap: {@code height x width x channels} bytes, row-major, channels
 * interleaved, colour in RGB order (1 channel = grey). Treated as immutable: operations return new
 * rasters and nobody writes into {@link #pixels()} after construction. This is the only image type the
 * rest of the application sees; OpenCV's {@code Mat} never leaves the imaging package.
 */
public final class Raster {
    private final int width;
    private final int height;
    private final int channels;
    private final byte[] pixels;

    public Raster(int width, int height, int channels, byte[] pixels) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("raster size must be positive: " + width + "x" + height);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException("pixel buffer has " + pixels.length + " bytes, expected " + (width * height * channels));
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return channels; }

    /** The backing array (not a copy, for speed): callers must not modify it. */
    public byte[] pixels() { return pixels; }

    /** The value 0..255 of channel {@code c} at column {@code x}, row {@code y}. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * channels + c] & 0xff;
    }

    @Override public String toString() { return "Raster[" + width + "x" + height + "x" + channels + "]"; }
}
