package wb.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import wb.imaging.ImageWriter;
import wb.imaging.Raster;

/**
 * Generated 28x28 grey images of thin bars on noise, for transfer-learning tests. Task A (pretraining):
 * which of four orientations a single bar has. Task B (the new task): which pair of orientations two bars
 * have. Both need the same low-level features (oriented edges at any position), so a body that learned A
 * gives B a head start; B's own few images are not enough to learn them from scratch.
 */
public final class Bars {
    private Bars() { }

    static final int SIZE = 28;
    static final int CLUTTER = 6;
    /** Orientations: horizontal, vertical, diagonal, anti-diagonal. */
    static final int[][] DIRECTIONS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
    /** Task B's classes as pairs of orientations. */
    static final int[][] PAIRS = {{0, 1}, {2, 3}, {0, 2}};
    static final List<String> PAIR_NAMES = List.of("hd", "hv", "xd"); // sorted: hd = {0,2}, hv = {0,1}, xd = {2,3}
    static final int[] PAIR_OF_NAME = {2, 0, 1};

    /** Pixel values in [0,1], row-major. */
    public static float[] image(int[] orientations, SplittableRandom rng) {
        float[] img = new float[SIZE * SIZE];
        for (int p = 0; p < img.length; p++) img[p] = (float) (rng.nextDouble() * 0.35);
        for (int k = 0; k < CLUTTER; k++) { // bright 2x2 specks: structure that is not a bar
            int y = between(rng, 0, SIZE - 2);
            int x = between(rng, 0, SIZE - 2);
            float v = (float) (0.6 + rng.nextDouble() * 0.4);
            img[y * SIZE + x] = img[y * SIZE + x + 1] = img[(y + 1) * SIZE + x] = img[(y + 1) * SIZE + x + 1] = v;
        }
        for (int o : orientations) {
            int len = 9 + rng.nextInt(6);
            int dy = DIRECTIONS[o][0];
            int dx = DIRECTIONS[o][1];
            // Keep the whole bar (and its second pixel row/column) inside a 1-pixel margin.
            int y0 = between(rng, 1, SIZE - 3 - len * dy);
            int x0 = dx > 0 ? between(rng, 1, SIZE - 3 - len) : dx < 0 ? between(rng, len + 1, SIZE - 3) : between(rng, 1, SIZE - 3);
            float v = (float) (0.75 + rng.nextDouble() * 0.25);
            for (int t = 0; t < len; t++) {
                int y = y0 + t * dy;
                int x = x0 + t * dx;
                for (int w = 0; w < 2; w++) { // two pixels thick, across the bar
                    int yy = y + (dy == 0 ? w : 0);
                    int xx = x + (dy == 0 ? 0 : w);
                    img[yy * SIZE + xx] = v;
                }
            }
        }
        return img;
    }

    private static int between(SplittableRandom rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** Task A: {@code n} images, label = orientation. */
    public static ArraySource taskA(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            x[i] = image(new int[] {y[i]}, rng);
        }
        return new ArraySource(x, y, new int[] {1, SIZE, SIZE});
    }

    /** Task B: {@code n} images, label = index into {@link #PAIR_NAMES}. */
    public static ArraySource taskB(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i] = image(PAIRS[PAIR_OF_NAME[y[i]]], rng);
        }
        return new ArraySource(x, y, new int[] {1, SIZE, SIZE});
    }

    /** Writes task B as PNG class folders: {@code root/train/<class>/...}, {@code root/valid/<class>/...}. */
    public static void writeTaskB(Path root, int trainPerClass, int validPerClass, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String split : List.of("train", "valid")) {
            int n = split.equals("train") ? trainPerClass : validPerClass;
            for (int c = 0; c < 3; c++) {
                Path dir = Files.createDirectories(root.resolve(split).resolve(PAIR_NAMES.get(c)));
                for (int i = 0; i < n; i++) ImageWriter.writePng(toRaster(image(PAIRS[PAIR_OF_NAME[c]], rng)), dir.resolve(i + ".png"));
            }
        }
    }

    static Raster toRaster(float[] img) {
        byte[] p = new byte[img.length];
        for (int i = 0; i < p.length; i++) p[i] = (byte) Math.round(Math.min(1f, Math.max(0f, img[i])) * 255);
        return new Raster(SIZE, SIZE, 1, p);
    }
}
