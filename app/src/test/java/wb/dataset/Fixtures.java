package wb.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Tiny real image files for dataset tests. */
final class Fixtures {

    private Fixtures() { }

    /** The bytes of a 4x3 grey PNG whose pixels depend on {@code shade}. */
    static byte[] pngBytes(int shade) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++) img.getRaster().setSample(x, y, 0, (shade + x * 10 + y) & 0xff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a tiny PNG (whatever the file's extension), creating parent folders. */
    static Path png(Path file) {
        return write(file, pngBytes(file.getFileName().toString().hashCode()));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
