package wb.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** Builds test images and image files in memory, including deliberately broken ones. */
final class Fixtures {
    private Fixtures() { }

    /** An asymmetric RGB or grey image: value depends on x, y and channel, so flips and turns show. */
    static Raster pattern(int w, int h, int channels) {
        byte[] px = new byte[w * h * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) px[(y * w + x) * channels + c] = (byte) ((x * 7 + y * 13 + c * 50) % 256);
            }
        }
        return new Raster(w, h, channels, px);
    }

    /** A raster of one colour (RGB) or grey level. */
    static Raster solid(int w, int h, int... value) {
        byte[] px = new byte[w * h * value.length];
        for (int i = 0; i < px.length; i++) px[i] = (byte) value[i % value.length];
        return new Raster(w, h, value.length, px);
    }

    /** A 40x20 colour image, blue except for a red 8x8 block in its top-left corner. */
    static Raster redCorner() {
        int w = 40;
        int h = 20;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean red = x < 8 && y < 8;
                int i = (y * w + x) * 3;
                px[i] = (byte) (red ? 255 : 0);
                px[i + 2] = (byte) (red ? 0 : 255);
            }
        }
        return new Raster(w, h, 3, px);
    }

    static byte[] encode(Raster r, String ext) {
        Mat m = Mats.toMat(r);
        MatOfByte buf = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(ext, m, buf)) throw new IllegalStateException("cannot encode " + ext);
            return buf.toArray();
        } finally {
            m.release();
            buf.release();
        }
    }

    /**
     * A PNG assembled chunk by chunk, for variants OpenCV will not write: 16-bit, grey + alpha, lying
     * headers. {@code rows} holds the unfiltered scanlines (a filter byte 0 is prepended to each).
     */
    static byte[] rawPng(int width, int height, int bitDepth, int colourType, byte[][] rows) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] row : rows) {
            raw.write(0);
            raw.writeBytes(row);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buf = new byte[raw.size() + 1024];
        int n = deflater.deflate(buf);
        deflater.end();
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * Inserts an APP1 Exif segment right after the JPEG's start-of-image marker holding one IFD0 entry,
     * Orientation (tag 0x0112, SHORT) = {@code orientation}, in big-endian TIFF layout.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 0x2A, 0, 0, 0, 8,          // TIFF header, IFD0 at offset 8
            0, 1,                                   // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0,                             // no next IFD
        };
        byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + exifId.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
        out.writeBytes(exifId);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
