package wb.export;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.evaluate.Predictions;
import wb.imaging.Grid;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.train.WatchFrame;

class WatchSheetTest {

    private static List<WatchFrame> frames(List<Path> files, int n) {
        List<WatchFrame> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            float p = e < 3 ? 0.3f : 0.9f; // wrong in epochs 1-2, right from epoch 3
            out.add(new WatchFrame(e, new Predictions(List.of("a", "b"), files, new int[] {0, 1},
                    new float[][] {{p, 1 - p}, {1 - p, p}})));
        }
        return out;
    }

    @Test
    void picksEvenlySpacedEpochsKeepingTheFirstAndTheLast() {
        List<WatchFrame> f = frames(List.of(Path.of("a.png"), Path.of("b.png")), 25);
        assertEquals(List.of(1, 7, 13, 19, 25), WatchSheet.pick(f, 5).stream().map(WatchFrame::epoch).toList());
        assertEquals(25, WatchSheet.pick(f, 100).size());
        assertEquals(List.of(25), WatchSheet.pick(f, 1).stream().map(WatchFrame::epoch).toList());
    }

    @Test
    void oneRowOfTruthThenOneRowPerEpochFramedRightOrWrong(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        byte[] white = new byte[16 * 16 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        ImageWriter.writePng(new Raster(16, 16, 3, white), a);
        ImageWriter.writePng(new Raster(16, 16, 3, white), b);
        Raster sheet = WatchSheet.render(frames(List.of(a, b), 4), 10, 32);
        assertEquals(2 * 32 + 3 * 4, sheet.width(), "a column per watched image");
        int cell = (sheet.height() - 6 * 4) / 5;
        assertEquals(sheet.height(), 5 * cell + 6 * 4, "the truth row and four epochs");
        int x = 4 + 1;
        int epoch1 = 4 + (cell + 4) + 16;
        int epoch4 = 4 + 4 * (cell + 4) + 16;
        assertEquals(0xD9, sheet.get(x, epoch1, 0), "epoch 1 wrong: red frame");
        assertEquals(0x9E, sheet.get(x, epoch4, 1), "epoch 4 right: green frame");
        assertEquals(255, sheet.get(x, 4 + 16, 1), "the truth row is not framed");
        assertNotEquals(Grid.RIGHT, Grid.WRONG);
        assertThrows(IllegalArgumentException.class, () -> WatchSheet.render(List.of(), 3, 32));
    }
}
