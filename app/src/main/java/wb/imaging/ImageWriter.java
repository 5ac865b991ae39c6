package wb.imaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Encodes rasters as PNG or JPEG, in memory or to files written atomically. */
public final class ImageWriter {

    private ImageWriter() { }

    /** The raster as a lossless PNG file's bytes (8-bit grey or RGB). */
    public static byte[] encodePng(Raster raster) {
        return encode(raster, ".png");
    }

    /** The raster as a baseline JPEG file's bytes; {@code quality} is 1..100 (libjpeg's scale). */
    public static byte[] encodeJpeg(Raster raster, int quality) {
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("JPEG quality must be 1..100, not " + quality);
        return encode(raster, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
    }

    /** Writes a PNG so that readers never see a partial file (see {@link wb.common.AtomicFiles}). */
    public static void writePng(Raster raster, Path path) throws IOException {
        byte[] bytes = encodePng(raster); // encode first: a failure must not leave a temporary file behind
        wb.common.AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** Writes a JPEG of the given quality (1..100) atomically. */
    public static void writeJpeg(Raster raster, Path path, int quality) throws IOException {
        byte[] bytes = encodeJpeg(raster, quality);
        wb.common.AtomicFiles.write(path, out -> out.write(bytes));
    }

    private static byte[] encode(Raster raster, String ext, int... flags) {
        Objects.requireNonNull(raster, "raster");
        OpenCv.load(); // before the first Mat of any kind exists: its constructor is native
        MatOfInt params = new MatOfInt(flags);
        Mat mat = Mats.toMat(raster);
        MatOfByte buf = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(ext, mat, buf, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + raster + " as " + ext);
            }
            return buf.toArray();
        } finally {
            mat.release();
            buf.release();
            params.release();
        }
    }
}
