package wb.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import wb.imaging.ImageWriter;
import wb.imaging.Raster;

/** Small real datasets for UI tests: PNGs written with the project's own encoder. */
public final class UiFixtures {

    private UiFixtures() { }

    /** A {@code w x h} grey image whose content depends on {@code seed}: a bright square on a gradient. */
    public static Raster pattern(int w, int h, int seed) {
        byte[] px = new byte[w * h];
        int sx = (seed * 7) % Math.max(1, w / 2);
        int sy = (seed * 3) % Math.max(1, h / 2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = x >= sx && x < sx + w / 3 && y >= sy && y < sy + h / 3;
                px[y * w + x] = (byte) (inside ? 230 : (x * 90 / w + y * 60 / h + seed * 13) % 120);
            }
        }
        return new Raster(w, h, 1, px);
    }

    /** Writes a PNG of {@link #pattern}, creating parent folders. */
    public static Path png(Path file, int w, int h, int seed) {
        try {
            Files.createDirectories(file.getParent());
            ImageWriter.writePng(pattern(w, h, seed), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file that has an image name but is not an image. */
    public static Path corrupt(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, "this is not a PNG", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A class-folder dataset: {@code cat/} with 3 images, {@code dog/} with 2 images and one corrupt file,
     * and a stray {@code cat/notes.txt} the scan skips.
     */
    public static Path catsAndDogs(Path root) {
        for (int i = 0; i < 3; i++) png(root.resolve("cat").resolve("cat" + i + ".png"), 32, 24, i);
        for (int i = 0; i < 2; i++) png(root.resolve("dog").resolve("dog" + i + ".png"), 32, 24, 10 + i);
        corrupt(root.resolve("dog").resolve("broken.png"));
        try {
            Files.writeString(root.resolve("cat").resolve("notes.txt"), "labelling notes", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
