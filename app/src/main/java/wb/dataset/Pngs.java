package wb.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import wb.imaging.Raster;

/**
 * The dataset package's only PNG encoder. Deliberately one small method so it can be replaced by
 * {@code wb.imaging.ImageWriter.writePng} when that exists; it uses ImageIO because only wb.imaging may
 * touch OpenCV.
 */
final class Pngs {

    private Pngs() { }

    /** Writes {@code raster} (grey or RGB) as a PNG file. */
    static void write(Raster raster, Path file) throws IOException {
        int w = raster.width();
        int h = raster.height();
        BufferedImage img = new BufferedImage(w, h, raster.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = raster.pixels();
        if (raster.channels() == 1) {
            System.arraycopy(src, 0, dst, 0, src.length);
        } else {
            for (int i = 0; i < src.length; i += 3) { // RGB -> the BGR order TYPE_3BYTE_BGR stores
                dst[i] = src[i + 2];
                dst[i + 1] = src[i + 1];
                dst[i + 2] = src[i];
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer available");
    }
}
