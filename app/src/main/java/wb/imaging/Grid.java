package wb.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Lays images out in a captioned grid: augmentation montages and the prediction views ("most confident
 * mistakes" and so on) are drawn with it and saved as PNG.
 */
public final class Grid {

    /**
     * One cell of the grid: an image, the caption lines printed under it (may be empty), and the colour of a frame
     * drawn around the image as 0xRRGGBB ({@link #NO_FRAME}: none), e.g. green for a right answer, red for a wrong one.
     */
    public record Tile(Raster image, List<String> caption, int frame) {
        public static final int NO_FRAME = -1;

        public Tile {
            Objects.requireNonNull(image, "image");
            caption = caption == null ? List.of() : List.copyOf(caption);
            if (frame < NO_FRAME || frame > 0xFFFFFF) throw new IllegalArgumentException("frame colour must be 0xRRGGBB or NO_FRAME");
        }

        /** A tile without a frame. */
        public Tile(Raster image, List<String> caption) {
            this(image, caption, NO_FRAME);
        }

        /** A tile with the given caption lines. */
        public static Tile of(Raster image, String... lines) {
            return new Tile(image, List.of(lines));
        }

        /** The same tile framed in {@code rgb} (0xRRGGBB). */
        public Tile framed(int rgb) {
            return new Tile(image, caption, rgb);
        }
    }

    /** Frame colours for right and wrong answers. */
    public static final int RIGHT = 0x2E9E4F;
    public static final int WRONG = 0xD93B3B;
    private static final int FRAME_WIDTH = 3;

    private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;
    private static final double FONT_SCALE = 0.4;
    private static final int THICKNESS = 1;
    /** Space between tiles and around the grid. */
    private static final int GAP = 4;
    /** Space between a caption's text and the edges of its tile. */
    private static final int PAD = 3;
    private static final String ELLIPSIS = "...";
    // Symmetric grey levels, so the BGR/RGB order of the canvas does not matter.
    private static final Scalar GAP_COLOUR = new Scalar(225, 225, 225);
    private static final Scalar CELL_COLOUR = new Scalar(255, 255, 255);
    private static final Scalar TEXT_COLOUR = new Scalar(30, 30, 30);

    private Grid() { }

    /**
     * Renders the tiles row by row, {@code columns} per row, each image scaled to fit a
     * {@code tileSize x tileSize} square with its aspect ratio kept and centred in it. Small images are
     * enlarged with nearest-neighbour interpolation so their pixels stay crisp; larger ones are shrunk by
     * area averaging. Caption lines are printed under each image (ASCII only: other characters become
     * '?'; lines too wide end in "..."). Every cell has room for the longest caption. The result is
     * always RGB.
     */
    public static Raster render(List<Tile> tiles, int columns, int tileSize) {
        Objects.requireNonNull(tiles, "tiles");
        if (tiles.isEmpty()) throw new IllegalArgumentException("a grid needs at least one tile");
        if (columns <= 0) throw new IllegalArgumentException("columns must be positive, not " + columns);
        if (tileSize < 8) throw new IllegalArgumentException("tileSize must be at least 8 pixels, not " + tileSize);
        OpenCv.load();
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int maxLines = tiles.stream().mapToInt(t -> t.caption().size()).max().orElse(0);
        int lineHeight = lineHeight();
        int captionHeight = maxLines == 0 ? 0 : maxLines * lineHeight + PAD;
        int cellHeight = tileSize + captionHeight;
        int width = cols * tileSize + (cols + 1) * GAP;
        int height = rows * cellHeight + (rows + 1) * GAP;

        Mat canvas = new Mat(height, width, CvType.CV_8UC3, GAP_COLOUR);
        try {
            for (int i = 0; i < tiles.size(); i++) {
                Tile tile = tiles.get(i);
                int cellX = GAP + (i % cols) * (tileSize + GAP);
                int cellY = GAP + (i / cols) * (cellHeight + GAP);
                Mat cell = canvas.submat(new Rect(cellX, cellY, tileSize, cellHeight));
                cell.setTo(CELL_COLOUR);
                cell.release();
                drawImage(canvas, tile.image(), cellX, cellY, tileSize);
                if (tile.frame() != Tile.NO_FRAME) {
                    int f = tile.frame();
                    Scalar bgr = new Scalar(f & 0xFF, (f >> 8) & 0xFF, (f >> 16) & 0xFF);
                    int half = FRAME_WIDTH / 2;
                    Imgproc.rectangle(canvas, new Point(cellX + half, cellY + half),
                            new Point(cellX + tileSize - 1 - half, cellY + tileSize - 1 - half), bgr, FRAME_WIDTH);
                }
                for (int line = 0; line < tile.caption().size(); line++) {
                    String text = fit(ascii(tile.caption().get(line)), tileSize - 2 * PAD);
                    if (text.isEmpty()) continue;
                    int baseline = cellY + tileSize + (line + 1) * lineHeight - baselineDepth();
                    Imgproc.putText(canvas, text, new Point(cellX + PAD, baseline), FONT, FONT_SCALE, TEXT_COLOUR, THICKNESS, Imgproc.LINE_AA, false);
                }
            }
            return Mats.toRaster(canvas, 3);
        } finally {
            canvas.release();
        }
    }

    /**
     * Splits {@code text} at spaces into at most {@code maxLines} lines that fit under a tile of
     * {@code tileSize} pixels; what does not fit goes on the last line, which {@link #render} then cuts
     * with "...". For long generated captions such as augmentation descriptions.
     */
    public static List<String> wrap(String text, int tileSize, int maxLines) {
        Objects.requireNonNull(text, "text");
        if (maxLines <= 0) throw new IllegalArgumentException("maxLines must be positive, not " + maxLines);
        OpenCv.load();
        int maxWidth = tileSize - 2 * PAD;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = ascii(text).trim().split(" +");
        for (int w = 0; w < words.length; w++) {
            String candidate = line.length() == 0 ? words[w] : line + " " + words[w];
            if (line.length() > 0 && textWidth(candidate) > maxWidth && lines.size() < maxLines - 1) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(words[w]);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) lines.add(line.toString());
        return List.copyOf(lines);
    }

    private static void drawImage(Mat canvas, Raster image, int cellX, int cellY, int tileSize) {
        double scale = Math.min((double) tileSize / image.width(), (double) tileSize / image.height());
        int w = Math.max(1, Math.min(tileSize, (int) Math.round(image.width() * scale)));
        int h = Math.max(1, Math.min(tileSize, (int) Math.round(image.height() * scale)));
        int interpolation = scale > 1 ? Imgproc.INTER_NEAREST : Imgproc.INTER_AREA;
        Raster fitted = ImageOps.toChannels(ImageOps.resizeWith(image, w, h, interpolation), 3);
        Mat src = Mats.toMat(fitted);
        Mat dst = canvas.submat(new Rect(cellX + (tileSize - w) / 2, cellY + (tileSize - h) / 2, w, h));
        try {
            src.copyTo(dst);
        } finally {
            src.release();
            dst.release();
        }
    }

    /** Replaces everything putText cannot draw (it knows printable ASCII only) with '?'. */
    static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\n' || cp == '\r') b.append(' ');
            else if (cp == '\u2026') b.append(ELLIPSIS);
            else b.append(cp >= 0x20 && cp < 0x7F ? (char) cp : '?');
        });
        return b.toString();
    }

    /** The longest prefix of {@code s} that fits in {@code maxWidth} pixels, marked with "..." when cut. */
    static String fit(String s, int maxWidth) {
        if (textWidth(s) <= maxWidth) return s;
        for (int n = s.length() - 1; n > 0; n--) {
            String cut = s.substring(0, n).stripTrailing() + ELLIPSIS;
            if (textWidth(cut) <= maxWidth) return cut;
        }
        return textWidth(ELLIPSIS) <= maxWidth ? ELLIPSIS : "";
    }

    private static int textWidth(String s) {
        return (int) Math.ceil(Imgproc.getTextSize(s, FONT, FONT_SCALE, THICKNESS, new int[1]).width);
    }

    private static int baselineDepth() {
        int[] baseline = new int[1];
        Imgproc.getTextSize("Ag", FONT, FONT_SCALE, THICKNESS, baseline);
        return baseline[0];
    }

    private static int lineHeight() {
        int[] baseline = new int[1];
        double ascent = Imgproc.getTextSize("Ag", FONT, FONT_SCALE, THICKNESS, baseline).height;
        return (int) Math.ceil(ascent) + baseline[0] + 3;
    }
}
