package wb.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import static wb.ui.ScriptedFx.fx;

import wb.common.FreeThreads;
import wb.ui.augment.AugmentScreen;
import wb.ui.data.DataScreen;
import wb.ui.export.ExportScreen;
import wb.ui.model.ModelScreen;
import wb.ui.results.ResultsScreen;
import wb.ui.train.TrainScreen;

/**
 * Takes the documentation screenshots: starts the real workbench on a dataset, waits until it is loaded
 * and checked, visits each screen (light and dark), and writes {@code <screen>.png} files into the output
 * folder, then exits. Settings are kept in memory, so the user's preferences are not touched.
 * <p>
 * Usage: {@code ScreenshotTour DATASET_FOLDER OUTPUT_FOLDER [WIDTH HEIGHT]} (docs/screenshots.sh runs it under Xvfb).
 */
public final class ScreenshotTour {

    private ScreenshotTour() { }

    public static void main(String[] args) {
        FreeThreads.init(); // before any native library: see FreeThreads
        if (args.length < 2) {
            System.err.println("usage: ScreenshotTour DATASET_FOLDER OUTPUT_FOLDER [WIDTH HEIGHT]");
            System.exit(2);
        }
        Application.launch(TourApp.class, args);
    }

    /** The workbench with a scripted user. */
    public static final class TourApp extends WorkbenchApp {

        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getUnnamed();
            Path dataset = Path.of(args.get(0)).toAbsolutePath();
            Path out = Path.of(args.get(1)).toAbsolutePath();
            double width = args.size() > 3 ? Double.parseDouble(args.get(2)) : 1400;
            double height = args.size() > 3 ? Double.parseDouble(args.get(3)) : 900;
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // A throwaway runs folder: the tour trains a short run and must not touch the user's history.
            Path runs;
            try {
                runs = Files.createTempDirectory("wb-tour-runs");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            MainWindow window = assemble(stage, new AppState(runs), new UiPreferences(new MemoryPreferences()), p -> { });
            window.show();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
            Thread tour = new Thread(() -> {
                int status = 0;
                try {
                    settle(1200);
                    shoot(window, out.resolve("welcome.png"));
                    fx(() -> {
                        opener().open(dataset);
                        return null;
                    });
                    // While the images are being checked: the scan is shown, the check's progress is in the banner.
                    await("a quarter of the check", 120, () -> fx(() -> state().verification() != null
                            || state().dataset() != null && opener().worker().getProgress() > 0.25));
                    shoot(window, out.resolve("data-checking.png"));
                    run(window, out);
                } catch (Throwable e) {
                    e.printStackTrace();
                    status = 1;
                }
                int exit = status;
                Platform.runLater(Platform::exit);
                // Exit even if a non-daemon thread (a native library's) would keep the JVM alive.
                sleep(1500);
                System.exit(exit);
            }, "screenshot-tour");
            tour.setDaemon(true);
            tour.start();
        }

        private void run(MainWindow window, Path out) throws Exception {
            await("the dataset to be opened and checked", 180, () -> fx(() -> state().verification() != null));
            DataScreen data = screen(window, DataScreen.class);
            AugmentScreen augment = screen(window, AugmentScreen.class);

            for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
                String suffix = theme == Theme.LIGHT ? "" : "-dark";
                fx(() -> {
                    window.setTheme(theme);
                    window.select(window.screens().indexOf(data));
                    data.showOverview();
                    return null;
                });
                settle(1200);
                shoot(window, out.resolve("data-overview" + suffix + ".png"));
                if (theme == Theme.LIGHT && fx(() -> !data.viewModel().problems().isEmpty())) {
                    fx(() -> {
                        data.showProblems();
                        return null;
                    });
                    settle(800);
                    shoot(window, out.resolve("data-problems.png"));
                }

                fx(() -> {
                    data.showImages();
                    data.viewModel().select(3);
                    return null;
                });
                settle(2500); // thumbnails decode in the background
                shoot(window, out.resolve("data-images" + suffix + ".png"));

                fx(() -> {
                    window.select(window.screens().indexOf(augment));
                    return null;
                });
                await("the montage", 60, () -> fx(() -> augment.viewModel().montageProperty().get() != null
                        && !augment.viewModel().renderingProperty().get()));
                settle(1000);
                shoot(window, out.resolve("augment" + suffix + ".png"));
            }
            fx(() -> {
                window.setTheme(Theme.LIGHT);
                window.select(window.screens().indexOf(data));
                return null;
            });
            settle(500);
            javafx.scene.control.Button sample = fx(() -> window.scene().getRoot().lookupAll(".button").stream()
                    .filter(n -> n instanceof javafx.scene.control.Button b && "Sample…".equals(b.getText()))
                    .map(javafx.scene.control.Button.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Sample… button")));
            shootDialog(sample::fire, out.resolve("dialog-sample.png"));
            workflow(window, out);
            shootDialog(() -> menuItem(window, "_Keyboard shortcuts").fire(), out.resolve("dialog-shortcuts.png"));
            shootDialog(() -> menuItem(window, "_About Image Workbench").fire(), out.resolve("dialog-about.png"));
        }

        /** Model, a short training run, its evaluation and the export panel: the rest of the workflow. */
        private void workflow(MainWindow window, Path out) throws Exception {
            ModelScreen model = screen(window, ModelScreen.class);
            TrainScreen train = screen(window, TrainScreen.class);
            ResultsScreen results = screen(window, ResultsScreen.class);
            ExportScreen export = screen(window, ExportScreen.class);
            fx(() -> {
                window.select(window.screens().indexOf(model));
                return null;
            });
            settle(2500); // parameter counts and the layer table are computed in the background
            shoot(window, out.resolve("model.png"));

            fx(() -> {
                wb.train.TrainConfig c = state().trainConfigProperty().get();
                state().trainConfigProperty().set(c.withEpochs(Integer.getInteger("wb.tour.epochs", 4)));
                window.select(window.screens().indexOf(train));
                train.viewModel().start();
                return null;
            });
            await("training to start", 60, () -> fx(() -> train.viewModel().runningProperty().get()));
            // Responsiveness while training: the longest gap between two frames of the FX thread.
            long[] frames = {0, 0, 0}; // last frame (ns), longest gap (ns), frame count
            long clockStart = System.nanoTime();
            java.util.List<String> longGaps = new java.util.ArrayList<>(); // gaps over 60 ms: when, and what the run was doing
            javafx.animation.AnimationTimer frameClock = new javafx.animation.AnimationTimer() {
                @Override public void handle(long now) {
                    if (frames[0] != 0) {
                        long gap = now - frames[0];
                        frames[1] = Math.max(frames[1], gap);
                        var s = train.viewModel().snapshotProperty().get();
                        if (gap > 60_000_000L && longGaps.size() < 20) {
                            longGaps.add(String.format(java.util.Locale.ROOT, "%.0f ms at %.1f s (%s)", gap / 1e6, (now - clockStart) / 1e9,
                                    s == null ? "no run" : s.phase() + ", epoch " + s.currentEpoch() + ", " + s.epochs().size() + " done"));
                        }
                    }
                    frames[0] = now;
                    frames[2]++;
                }
            };
            fx(() -> {
                frameClock.start();
                return null;
            });
            await("two epochs", 300, () -> fx(() -> train.viewModel().snapshotProperty().get() != null
                    && train.viewModel().snapshotProperty().get().epochs().size() >= 2));
            settle(500);
            fx(() -> { // the photograph itself blocks the FX thread: leave it out of the measurement
                frameClock.stop();
                return null;
            });
            shoot(window, out.resolve("train-running.png"));
            fx(() -> {
                frames[0] = 0;
                frameClock.start();
                return null;
            });
            await("training to finish", 900, () -> fx(() -> !train.viewModel().runningProperty().get()));
            fx(() -> {
                frameClock.stop();
                return null;
            });
            System.out.printf(java.util.Locale.ROOT, "FX thread during training: %d frames, longest gap between frames %.1f ms%n",
                    frames[2], frames[1] / 1e6);
            for (String g : longGaps) System.out.println("  gap " + g);
            settle(1500);
            shoot(window, out.resolve("train.png"));
            javafx.scene.control.TabPane trainTabs = (javafx.scene.control.TabPane) window.scene().getRoot().lookup("#trainTabs");
            fx(() -> {
                trainTabs.getSelectionModel().select(1); // Watched images, the last epoch
                return null;
            });
            settle(2500); // thumbnails
            shoot(window, out.resolve("train-watched.png"));
            fx(() -> {
                trainTabs.getSelectionModel().select(0);
                return null;
            });

            fx(() -> {
                window.select(window.screens().indexOf(results));
                results.viewModel().evaluate();
                return null;
            });
            await("the evaluation", 300, () -> fx(() -> state().evaluationProperty().get() != null
                    && !results.viewModel().evaluatingProperty().get()));
            fx(() -> {
                results.viewModel().selectCell(6, 9); // shirts taken for T-shirts: the classic confusion
                return null;
            });
            settle(3000); // thumbnails
            shoot(window, out.resolve("results.png"));

            fx(() -> {
                window.select(window.screens().indexOf(export));
                if (export.viewModel().canPredictProperty().get()) export.viewModel().predictTest();
                return null;
            });
            await("test predictions", 300, () -> fx(() -> !export.viewModel().predictingProperty().get()));
            settle(1500);
            shoot(window, out.resolve("export.png"));
        }

        private static javafx.scene.control.MenuItem menuItem(MainWindow window, String text) {
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.scene().getRoot().lookup(".menu-bar");
            return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> text.equals(i.getText())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no menu item " + text));
        }

        /** Runs {@code open} on the FX thread, photographs the dialog it shows, then closes the dialog. */
        private static void shootDialog(Runnable open, Path file) throws Exception {
            Platform.runLater(open); // a dialog may run a nested event loop; this thread waits outside it
            await("the dialog", 20, () -> fx(() -> dialogPane() != null));
            settle(800);
            javafx.scene.control.DialogPane pane = fx(ScreenshotTour.TourApp::dialogPane);
            WritableImage image = fx(() -> pane.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            System.out.println("wrote " + file);
            fx(() -> {
                ((javafx.stage.Stage) pane.getScene().getWindow()).close();
                return null;
            });
        }

        private static javafx.scene.control.DialogPane dialogPane() {
            return javafx.stage.Window.getWindows().stream()
                    .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                    .map(w -> (javafx.scene.control.DialogPane) w.getScene().getRoot()).findFirst().orElse(null);
        }

        private static <S extends Screen> S screen(MainWindow w, Class<S> type) {
            return w.screens().stream().filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " in the window"));
        }

        private static void shoot(MainWindow window, Path file) throws Exception {
            WritableImage image = fx(() -> window.scene().snapshot(null));
            BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
            ImageIO.write(buffered, "png", file.toFile());
            System.out.println("wrote " + file + " (" + buffered.getWidth() + "x" + buffered.getHeight() + ")");
        }

        /** Waits for layout, CSS and image loading to finish (there is no event for "looks done"). */
        private static void settle(long millis) throws Exception {
            sleep(millis);
            fx(() -> null); // and one more pulse
        }

        private static void await(String what, int seconds, BooleanSupplier condition) {
            ScriptedFx.await(what, seconds, 100, condition);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
