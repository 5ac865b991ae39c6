package wb.imaging;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Pure image operations on rasters (temporary subset; replaced by the imaging branch). */
public final class ImageOps {
    private ImageOps() { }

    public static Raster resize(Raster r, int width, int height, ResizePolicy policy) {
        if (r.width() == width && r.height() == height) return r;
        Mat m = Mats.toMat(r);
        try {
            Mat src = m;
            if (policy == ResizePolicy.CROP_CENTER) {
                double s = Math.max((double) width / r.width(), (double) height / r.height());
                int cw = (int) Math.round(width / s), ch = (int) Math.round(height / s);
                src = m.submat(new Rect((r.width() - cw) / 2, (r.height() - ch) / 2, Math.min(cw, r.width()), Math.min(ch, r.height())));
            }
            Mat out = new Mat();
            int interp = width < src.cols() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
            Imgproc.resize(src, out, new Size(width, height), 0, 0, interp);
            Raster res = Mats.toRaster(out, r.channels() == 1 ? 1 : 3);
            out.release();
            // toMat produced BGR, toRaster converts BGR->RGB, so colour order is preserved.
            return res;
        } finally {
            m.release();
        }
    }

    public static Raster toChannels(Raster r, int channels) {
        if (r.channels() == channels) return r;
        byte[] p = r.pixels();
        int n = r.width() * r.height();
        byte[] out = new byte[n * channels];
        if (channels == 1) {
            for (int i = 0; i < n; i++) {
                int v = (299 * (p[3 * i] & 0xff) + 587 * (p[3 * i + 1] & 0xff) + 114 * (p[3 * i + 2] & 0xff) + 500) / 1000;
                out[i] = (byte) v;
            }
        } else {
            for (int i = 0; i < n; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = p[i];
        }
        return new Raster(r.width(), r.height(), channels, out);
    }

    public static void toFloatChw(Raster r, float[] dst, int offset) {
        byte[] p = r.pixels();
        int c = r.channels(), n = r.width() * r.height();
        for (int ch = 0; ch < c; ch++) {
            int o = offset + ch * n;
            for (int i = 0; i < n; i++) dst[o + i] = (p[i * c + ch] & 0xff) * (1f / 255f);
        }
    }
}
