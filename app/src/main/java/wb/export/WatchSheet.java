package wb.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import wb.evaluate.Predictions;
import wb.imaging.DecodeResult;
import wb.imaging.Grid;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.train.WatchFrame;

/**
 * A run's watched validation images as one picture of how the network learned: the first row shows each image with
 * its true class, then one row per epoch with the network's answer and confidence, framed green when right and red
 * when wrong. Long runs show evenly spaced epochs (the first and the last always).
 */
public final class WatchSheet {

    public static final int DEFAULT_ROWS = 10;

    private WatchSheet() { }

    /** Up to {@code maxRows} frames, evenly spaced, always the first and the last. */
    public static List<WatchFrame> pick(List<WatchFrame> frames, int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("at least one row, not " + maxRows);
        if (frames.size() <= maxRows) return List.copyOf(frames);
        List<WatchFrame> out = new ArrayList<>();
        if (maxRows == 1) return List.of(frames.get(frames.size() - 1));
        for (int r = 0; r < maxRows; r++) {
            int i = (int) Math.round(r * (frames.size() - 1) / (double) (maxRows - 1));
            if (out.isEmpty() || out.get(out.size() - 1) != frames.get(i)) out.add(frames.get(i));
        }
        return out;
    }

    public static Raster render(List<WatchFrame> frames, int maxRows, int tileSize) {
        if (frames.isEmpty()) throw new IllegalArgumentException("the run has no watched images (watch.csv is empty)");
        List<WatchFrame> rows = pick(frames, maxRows);
        Predictions first = rows.get(0).predictions();
        int columns = first.size();
        List<Raster> images = new ArrayList<>(columns);
        for (Path f : first.files()) {
            DecodeResult d = ImageDecoder.decode(f, 3);
            images.add(d instanceof DecodeResult.Ok ok ? ok.raster() : new Raster(1, 1, 3, new byte[3]));
        }
        List<Grid.Tile> tiles = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            int t = first.trueLabels()[c];
            tiles.add(Grid.Tile.of(images.get(c), "true: " + (t < 0 ? "?" : first.classes().get(t)), first.files().get(c).getFileName().toString()));
        }
        for (WatchFrame frame : rows) {
            Predictions p = frame.predictions();
            if (!p.files().equals(first.files())) throw new IllegalArgumentException("epoch " + frame.epoch() + " watched other images");
            for (int c = 0; c < columns; c++) {
                int guess = p.predicted(c);
                boolean right = p.trueLabels()[c] == guess;
                tiles.add(Grid.Tile.of(images.get(c), "epoch " + frame.epoch(),
                                String.format(Locale.ROOT, "%s %.0f%%", p.classes().get(guess), p.confidence(c) * 100))
                        .framed(right ? Grid.RIGHT : Grid.WRONG));
            }
        }
        return Grid.render(tiles, columns, tileSize);
    }

    /** Renders and writes the sheet as PNG (atomically). */
    public static void writePng(List<WatchFrame> frames, int maxRows, int tileSize, Path png) throws IOException {
        ImageWriter.writePng(render(frames, maxRows, tileSize), png);
    }
}
