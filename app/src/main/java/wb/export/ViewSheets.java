package wb.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import wb.common.AtomicFiles;
import wb.evaluate.ViewItem;
import wb.imaging.DecodeResult;
import wb.imaging.Grid;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;

/** Writes a prediction view as a captioned image grid (PNG) and as CSV rows with file paths. */
public final class ViewSheets {
    private ViewSheets() { }

    /** A grid of the items' images, each captioned with file name, true and predicted class, probability, and framed green or red. */
    public static Raster render(List<ViewItem> items, int columns, int tileSize) {
        List<Grid.Tile> tiles = new ArrayList<>();
        for (ViewItem it : items) {
            DecodeResult d = ImageDecoder.decode(it.file(), 3);
            Raster img = d instanceof DecodeResult.Ok ok ? ok.raster() : new Raster(1, 1, 3, new byte[3]);
            Grid.Tile tile = Grid.Tile.of(img, it.file().getFileName().toString(),
                    "true: " + (it.trueLabel() == null ? "?" : it.trueLabel()),
                    "pred: " + it.predictedLabel(),
                    String.format(Locale.ROOT, "p=%.3f", it.probability()));
            // Framed green when right, red when wrong; unlabelled images stay unframed.
            if (it.trueLabel() != null) tile = tile.framed(it.trueLabel().equals(it.predictedLabel()) ? Grid.RIGHT : Grid.WRONG);
            tiles.add(tile);
        }
        if (tiles.isEmpty()) tiles.add(Grid.Tile.of(new Raster(tileSize, tileSize, 3, white(tileSize)), "(no images in this view)"));
        return Grid.render(tiles, Math.max(1, Math.min(columns, tiles.size())), tileSize);
    }

    public static void writePng(List<ViewItem> items, int columns, int tileSize, Path png) throws IOException {
        ImageWriter.writePng(render(items, columns, tileSize), png);
    }

    public static void writeCsv(List<ViewItem> items, Path csv) throws IOException {
        AtomicFiles.write(csv, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("file", "true_label", "predicted_label", "probability").build())) {
                for (ViewItem it : items) {
                    p.printRecord(it.file().toString(), it.trueLabel() == null ? "" : it.trueLabel(), it.predictedLabel(),
                            String.format(Locale.ROOT, "%.6f", it.probability()));
                }
            }
        });
    }

    private static byte[] white(int size) {
        byte[] b = new byte[size * size * 3];
        java.util.Arrays.fill(b, (byte) 255);
        return b;
    }
}
