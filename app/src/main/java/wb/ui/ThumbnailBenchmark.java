package wb.ui;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;

import static wb.ui.ScriptedFx.await;
import static wb.ui.ScriptedFx.fx;

import wb.common.FreeThreads;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.ui.data.DataScreen;

/**
 * Measures the Data screen on a large folder: time from opening a dataset to the scan shown, and to the
 * first thumbnails on screen, and the heap in use then and after every image was checked. Generates
 * {@code N} small PNGs (default 25,000; 10 classes) when the folder does not exist. Prints one JSON line.
 * <p>
 * Usage (docs/benchmarks.md): {@code xvfb-run -a env WB_MAIN_CLASS=wb.ui.ThumbnailBenchmark ./workbench /tmp/thumbs-25k 25000}
 */
public final class ThumbnailBenchmark {

    private ThumbnailBenchmark() { }

    public static void main(String[] args) throws Exception {
        FreeThreads.init(); // before any native library: see FreeThreads
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/thumbs-25k");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 25_000;
        if (!Files.isDirectory(dir)) generate(dir, n);
        Application.launch(BenchApp.class, dir.toString());
    }

    /**
     * Writes {@code n} distinct 96x96 colour pictures (a seeded colour, a wave of random direction, frequency and
     * phase, and a rectangle), so that the dataset check finds no duplicates among them, as in a real folder.
     */
    private static void generate(Path dir, int n) throws Exception {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        int size = 96;
        for (int i = 0; i < n; i++) {
            Path cls = Files.createDirectories(dir.resolve("class" + (i % 10)));
            byte[] px = new byte[size * size * 3];
            int[] base = {40 + rng.nextInt(140), 40 + rng.nextInt(140), 40 + rng.nextInt(140)};
            double angle = rng.nextDouble(Math.PI), freq = 1 + rng.nextDouble(4), phase = rng.nextDouble(2 * Math.PI);
            double cos = Math.cos(angle), sin = Math.sin(angle);
            int x0 = rng.nextInt(size / 2), y0 = rng.nextInt(size / 2), x1 = x0 + 16 + rng.nextInt(size / 2 - 16), y1 = y0 + 16 + rng.nextInt(size / 2 - 16);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double wave = 60 * Math.sin(2 * Math.PI * freq * (x * cos + y * sin) / size + phase);
                    boolean box = x >= x0 && x < x1 && y >= y0 && y < y1;
                    for (int c = 0; c < 3; c++) {
                        int v = (int) (base[c] + wave) + (box ? (c == i % 3 ? 70 : -30) : 0);
                        px[(y * size + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                    }
                }
            }
            ImageWriter.writePng(new Raster(size, size, 3, px), cls.resolve(i + ".png"));
        }
    }

    /** The workbench with a stopwatch. */
    public static final class BenchApp extends WorkbenchApp {
        @Override public void start(Stage stage) {
            Path dir = Path.of(getParameters().getUnnamed().get(0));
            MainWindow window = assemble(stage, new AppState(Path.of(System.getProperty("java.io.tmpdir"))),
                    new UiPreferences(new MemoryPreferences()), p -> { });
            window.show();
            stage.setWidth(1400);
            stage.setHeight(900);
            DataScreen data = window.screens().stream().filter(DataScreen.class::isInstance).map(DataScreen.class::cast).findFirst().orElseThrow();
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    long t0 = System.nanoTime();
                    Platform.runLater(() -> {
                        data.showImages();
                        opener().open(dir);
                    });
                    await("the scan", 600, 5, () -> fx(() -> state().dataset() != null));
                    long scanned = System.nanoTime();
                    await("the first thumbnails", 600, 5, () -> fx(() -> visibleThumbnails(window) > 0));
                    long first = System.nanoTime();
                    long heapFirst = usedHeapMb();
                    int shown = fx(() -> visibleThumbnails(window));
                    await("the check", 600, 5, () -> fx(() -> state().verification() != null));
                    long checked = System.nanoTime();
                    System.gc();
                    System.out.printf(Locale.ROOT, "{\"images\":%d,\"scan_s\":%.2f,\"first_thumbnails_after_open_s\":%.2f,"
                                    + "\"first_thumbnails_after_scan_s\":%.3f,\"thumbnails_on_screen\":%d,\"heap_at_first_thumbnails_mb\":%d,"
                                    + "\"check_all_s\":%.1f,\"heap_after_check_mb\":%d,\"max_heap_mb\":%d}%n",
                            state().dataset().size(), (scanned - t0) / 1e9, (first - t0) / 1e9, (first - scanned) / 1e9, shown, heapFirst,
                            (checked - t0) / 1e9, usedHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
                } catch (Exception e) {
                    e.printStackTrace();
                }
                Platform.exit();
                System.exit(0);
            }, "thumbnail-benchmark");
            t.setDaemon(true);
            t.start();
        }

        private static int visibleThumbnails(MainWindow window) {
            int n = 0;
            for (Node node : window.scene().getRoot().lookupAll(".thumb-cell")) {
                for (Node v : ((javafx.scene.Parent) node).lookupAll("ImageView")) {
                    if (v instanceof ImageView iv && iv.getImage() != null && node.isVisible()) n++;
                }
            }
            return n;
        }

        private static long usedHeapMb() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        }
    }

}
