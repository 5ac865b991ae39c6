package wb.imaging;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Conversions between OpenCV's {@code Mat} (BGR) and {@link Raster} (RGB). Package-private. */
final class Mats {
    private Mats() { }

    /** Copies a 1- to 4-channel BGR(A) mat of any depth into a raster with {@code channels} (0 = keep). */
    static Raster toRaster(Mat m, int channels) {
        OpenCv.load();
        Mat src = m;
        Mat tmp = null;
        try {
            if (src.depth() != CvType.CV_8U) {
                tmp = new Mat();
                double scale = src.depth() == CvType.CV_16U ? 1.0 / 257.0 : (src.depth() == CvType.CV_32F || src.depth() == CvType.CV_64F ? 255.0 : 1.0);
                src.convertTo(tmp, CvType.CV_8U, scale);
                src = tmp;
            }
            if (src.channels() == 2) {
                // Grey + alpha (PNG colour type 4): keep the grey plane; alpha is dropped like everywhere else.
                Mat grey = new Mat();
                org.opencv.core.Core.extractChannel(src, grey, 0);
                if (tmp != null) tmp.release();
                tmp = grey;
                src = grey;
            }
            int have = src.channels();
            int want = channels == 0 ? (have == 1 ? 1 : 3) : channels;
            Mat conv = new Mat();
            if (have == 1 && want == 3) Imgproc.cvtColor(src, conv, Imgproc.COLOR_GRAY2RGB);
            else if (have == 3 && want == 3) Imgproc.cvtColor(src, conv, Imgproc.COLOR_BGR2RGB);
            else if (have == 3 && want == 1) Imgproc.cvtColor(src, conv, Imgproc.COLOR_BGR2GRAY);
            else if (have == 4 && want == 3) Imgproc.cvtColor(src, conv, Imgproc.COLOR_BGRA2RGB);
            else if (have == 4 && want == 1) Imgproc.cvtColor(src, conv, Imgproc.COLOR_BGRA2GRAY);
            else src.copyTo(conv);
            try {
                byte[] data = new byte[(int) (conv.total() * conv.channels())];
                Mat cont = conv.isContinuous() ? conv : conv.clone();
                cont.get(0, 0, data);
                if (cont != conv) cont.release();
                return new Raster(conv.cols(), conv.rows(), conv.channels(), data);
            } finally {
                conv.release();
            }
        } finally {
            if (tmp != null) tmp.release();
        }
    }

    /** A new mat holding a copy of the raster, in OpenCV's BGR order. */
    static Mat toMat(Raster r) {
        OpenCv.load();
        Mat rgb = new Mat(r.height(), r.width(), r.channels() == 1 ? CvType.CV_8UC1 : CvType.CV_8UC3);
        rgb.put(0, 0, r.pixels());
        if (r.channels() == 1) return rgb;
        Mat bgr = new Mat();
        Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
        rgb.release();
        return bgr;
    }
}
