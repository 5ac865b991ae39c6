package wb.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes image files with OpenCV and classifies every failure. The format is recognised from the
 * file's first bytes, never from its name, so a PNG called {@code .jpg} decodes and a text file called
 * {@code .png} is reported as "not an image". EXIF orientation is applied; 16-bit images are scaled to
 * 8 bits; alpha is dropped; CMYK JPEGs are converted by libjpeg.
 */
public final class ImageDecoder {

    /** Files above this size are refused before reading them into memory. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** Images whose header claims more pixels than this are refused (decompression bombs). */
    public static final long MAX_PIXELS = 100_000_000L;

    private ImageDecoder() { }

    /**
     * Decodes {@code path}. {@code channels} is 1 (grey), 3 (RGB) or 0 (keep: grey files stay grey,
     * everything else becomes RGB). Never throws for a bad file; returns {@link DecodeResult.Failed}.
     */
    public static DecodeResult decode(Path path, int channels) {
        if (channels != 0 && channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 0, 1 or 3");
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size == 0) return new DecodeResult.Failed(path, FailureReason.EMPTY_FILE, null);
            if (size > MAX_FILE_BYTES) {
                return new DecodeResult.Failed(path, FailureReason.TOO_LARGE, size / (1024 * 1024) + " MB file, limit " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException | SecurityException e) {
            return new DecodeResult.Failed(path, FailureReason.UNREADABLE, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return decode(path, bytes, channels);
    }

    /** Decodes in-memory file content; {@code path} is used only for messages. */
    public static DecodeResult decode(Path path, byte[] bytes, int channels) {
        if (bytes.length == 0) return new DecodeResult.Failed(path, FailureReason.EMPTY_FILE, null);
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.UNKNOWN) return new DecodeResult.Failed(path, FailureReason.NOT_AN_IMAGE, "unrecognised content");
        if (!format.decodable()) return new DecodeResult.Failed(path, FailureReason.UNSUPPORTED_FORMAT, format.label() + " files are not supported");
        long[] dims = format.headerDimensions(bytes);
        if (dims != null && dims[0] * dims[1] > MAX_PIXELS) {
            return new DecodeResult.Failed(path, FailureReason.TOO_LARGE, dims[0] + "x" + dims[1] + " pixels, limit " + MAX_PIXELS);
        }
        if (!format.looksComplete(bytes)) return new DecodeResult.Failed(path, FailureReason.TRUNCATED, format.label() + " data ends early");
        OpenCv.load();
        Mat decoded;
        MatOfByte buf = new MatOfByte(bytes);
        try {
            decoded = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_ANYCOLOR);
        } catch (RuntimeException e) { // CvException on malformed streams
            return new DecodeResult.Failed(path, FailureReason.TRUNCATED, e.getMessage());
        } finally {
            buf.release();
        }
        try {
            if (decoded == null || decoded.empty()) {
                return new DecodeResult.Failed(path, FailureReason.TRUNCATED, format.label() + " decoder failed");
            }
            Raster raster = Mats.toRaster(decoded, channels);
            return new DecodeResult.Ok(path, raster, new ImageInfo(format.label(), raster.width(), raster.height(), raster.channels(), bytes.length));
        } finally {
            decoded.release();
        }
    }

    /** Decodes and throws {@link ImageDecodeException} with the user-facing message on failure. */
    public static Raster decodeOrThrow(Path path, int channels) {
        DecodeResult r = decode(path, channels);
        if (r instanceof DecodeResult.Ok ok) return ok.raster();
        throw new ImageDecodeException((DecodeResult.Failed) r);
    }
}
