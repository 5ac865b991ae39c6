package wb.ui;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import wb.imaging.Raster;

/** Converts the core's {@link Raster} to JavaFX images. */
public final class FxImages {

    private FxImages() { }

    /**
     * The raster enlarged by whole pixels so that it is at least about {@code displaySize} pixels on its
     * longest side: small images (MNIST's 28x28) then stay crisp when shown large, whatever smoothing the
     * rendering pipeline applies. Larger rasters are returned at their size.
     */
    public static WritableImage toCrispImage(Raster raster, int displaySize) {
        int longest = Math.max(raster.width(), raster.height());
        int scale = Math.max(1, Math.min(16, displaySize / longest));
        if (scale == 1) return toImage(raster);
        int w = raster.width();
        int h = raster.height();
        int c = raster.channels();
        byte[] px = raster.pixels();
        int sw = w * scale;
        int[] argb = new int[sw * h * scale];
        for (int y = 0; y < h; y++) {
            int rowStart = y * scale * sw;
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * c;
                int r = px[i] & 0xff;
                int g = c == 3 ? px[i + 1] & 0xff : r;
                int b = c == 3 ? px[i + 2] & 0xff : r;
                int v = 0xff000000 | r << 16 | g << 8 | b;
                java.util.Arrays.fill(argb, rowStart + x * scale, rowStart + (x + 1) * scale, v);
            }
            for (int k = 1; k < scale; k++) System.arraycopy(argb, rowStart, argb, rowStart + k * sw, sw);
        }
        WritableImage image = new WritableImage(sw, h * scale);
        image.getPixelWriter().setPixels(0, 0, sw, h * scale, PixelFormat.getIntArgbInstance(), argb, 0, sw);
        return image;
    }

    /** A new image with the raster's pixels (grey is expanded to RGB). Cheap: one pass over the bytes. */
    public static WritableImage toImage(Raster raster) {
        int w = raster.width();
        int h = raster.height();
        WritableImage image = new WritableImage(w, h);
        byte[] px = raster.pixels();
        if (raster.channels() == 3) {
            // Raster is interleaved RGB, exactly JavaFX's ByteRgb format.
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteRgbInstance(), px, 0, w * 3);
        } else {
            int[] argb = new int[w * h];
            for (int i = 0; i < argb.length; i++) {
                int v = px[i] & 0xff;
                argb[i] = 0xff000000 | v << 16 | v << 8 | v;
            }
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        }
        return image;
    }
}
