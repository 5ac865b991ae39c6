package wb.dataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;

/**
 * Generates a small colour dataset of geometric shapes (circle, square, triangle, star) on smooth, noisy
 * coloured backgrounds with random colour, size, position and rotation, in the fast.ai layout, as JPEGs.
 * Deterministic for a seed; drawn with Java2D so it needs no display and no OpenCV.
 */
public final class ShapesGenerator {

    /** Class names in label order. */
    public static final List<String> CLASSES = List.of("circle", "square", "star", "triangle");

    private static final float JPEG_QUALITY = 0.9f;

    private ShapesGenerator() { }

    /**
     * Writes {@code out/train/<shape>/<n>.jpg} and {@code out/valid/<shape>/<n>.jpg}; refuses a non-empty
     * {@code out}. Each image draws from its own generator (seed, split, class, number), so changing the
     * counts never changes the images that remain.
     */
    public static ImportResult generate(Path out, int size, int trainPerClass, int validPerClass, long seed,
                                        Progress progress, Cancellation cancellation) {
        if (size < 32) throw new IllegalArgumentException("size must be at least 32 pixels");
        DatasetWriter.requireEmptyTarget(out);
        Seeds seeds = new Seeds(seed);
        long total = (long) CLASSES.size() * (trainPerClass + validPerClass);
        long done = 0;
        try {
            for (Split split : List.of(Split.TRAIN, Split.VALID)) {
                int count = split == Split.TRAIN ? trainPerClass : validPerClass;
                String dir = split.name().toLowerCase(Locale.ROOT);
                for (String shape : CLASSES) {
                    Path classDir = Files.createDirectories(out.resolve(dir).resolve(shape));
                    for (int n = 0; n < count; n++) {
                        cancellation.throwIfCancelled();
                        BufferedImage img = draw(shape, size, seeds.stream(dir + "/" + shape + "/" + n));
                        writeJpeg(img, classDir.resolve(String.format(Locale.ROOT, "%04d.jpg", n)));
                        progress.update("Drawing shapes", ++done, total);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserException("could not write " + out + ": " + e.getMessage(), e);
        }
        return new ImportResult(out, CLASSES, java.util.Map.of(Split.TRAIN, trainPerClass * CLASSES.size(),
                Split.VALID, validPerClass * CLASSES.size()));
    }

    /** Draws one image of {@code shape}. */
    static BufferedImage draw(String shape, int size, SplittableRandom rng) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        float bgHue = rng.nextFloat();
        paintBackground(img, bgHue, rng);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double radius = size * (0.16 + 0.18 * rng.nextDouble());
            double margin = radius * 0.8; // may touch the border a little, as real objects do
            double cx = margin + rng.nextDouble() * (size - 2 * margin);
            double cy = margin + rng.nextDouble() * (size - 2 * margin);
            AffineTransform at = new AffineTransform();
            at.translate(cx, cy);
            at.rotate(rng.nextDouble() * 2 * Math.PI);
            at.scale(radius, radius);
            Shape s = at.createTransformedShape(unitShape(shape));
            // Foreground hue at least a third of the colour wheel away from the background, so the shape is visible.
            float hue = (bgHue + 0.33f + 0.34f * rng.nextFloat()) % 1f;
            g.setColor(Color.getHSBColor(hue, 0.55f + 0.45f * rng.nextFloat(), 0.55f + 0.45f * rng.nextFloat()));
            g.fill(s);
            if (rng.nextBoolean()) {
                g.setColor(Color.getHSBColor(hue, 0.3f, 0.25f));
                g.setStroke(new BasicStroke((float) (1 + rng.nextDouble() * 2)));
                g.draw(s);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A shape centred on the origin with radius about 1. */
    private static Shape unitShape(String shape) {
        switch (shape) {
            case "circle":
                return new Ellipse2D.Double(-1, -1, 2, 2);
            case "square":
                return new Rectangle2D.Double(-0.8, -0.8, 1.6, 1.6);
            case "triangle":
                return polygon(3, 1, 1);
            case "star":
                return polygon(5, 1, 0.42);
            default:
                throw new IllegalArgumentException("unknown shape " + shape);
        }
    }

    /** A regular polygon ({@code inner == outer}) or star with {@code points} tips. */
    private static Shape polygon(int points, double outer, double inner) {
        Path2D.Double p = new Path2D.Double();
        int steps = inner == outer ? points : 2 * points;
        for (int i = 0; i < steps; i++) {
            double r = (inner == outer || i % 2 == 0) ? outer : inner;
            double a = -Math.PI / 2 + 2 * Math.PI * i / steps;
            if (i == 0) p.moveTo(r * Math.cos(a), r * Math.sin(a));
            else p.lineTo(r * Math.cos(a), r * Math.sin(a));
        }
        p.closePath();
        return p;
    }

    /**
     * A smooth texture (a coarse grid of random shades of one hue, bilinearly interpolated) plus mild pixel
     * noise. The noise is kept small because it is what makes JPEGs large.
     */
    private static void paintBackground(BufferedImage img, float hue, SplittableRandom rng) {
        int grid = 5;
        float[][][] cells = new float[grid][grid][];
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                Color c = Color.getHSBColor((hue + 0.08f * (rng.nextFloat() - 0.5f) + 1) % 1f,
                        0.2f + 0.5f * rng.nextFloat(), 0.35f + 0.6f * rng.nextFloat());
                cells[i][j] = new float[] {c.getRed(), c.getGreen(), c.getBlue()};
            }
        }
        int w = img.getWidth();
        int h = img.getHeight();
        for (int y = 0; y < h; y++) {
            double gy = (double) y / (h - 1) * (grid - 1);
            int y0 = Math.min((int) gy, grid - 2);
            double fy = gy - y0;
            for (int x = 0; x < w; x++) {
                double gx = (double) x / (w - 1) * (grid - 1);
                int x0 = Math.min((int) gx, grid - 2);
                double fx = gx - x0;
                int noise = rng.nextInt(13) - 6;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = (1 - fy) * ((1 - fx) * cells[y0][x0][c] + fx * cells[y0][x0 + 1][c])
                            + fy * ((1 - fx) * cells[y0 + 1][x0][c] + fx * cells[y0 + 1][x0 + 1][c]);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, (int) Math.round(v) + noise));
                }
                img.setRGB(x, y, rgb);
            }
        }
    }

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Regenerates {@code sample-datasets/shapes} (or the folder given as the first argument). */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-datasets/shapes");
        generate(out, 96, 120, 30, 2024, Progress.NONE, Cancellation.NEVER);
    }
}
