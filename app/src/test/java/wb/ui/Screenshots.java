package wb.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import javafx.scene.Scene;

import wb.imaging.ImageWriter;
import wb.ui.support.Thumbnails;

/** Saves a scene as PNG under target/ui-screens (for looking at the screens after a headless run). FX thread only. */
public final class Screenshots {
    private Screenshots() { }

    public static Path save(Scene scene, String name) {
        Path out = Paths.get("target", "ui-screens", name + ".png");
        try {
            ImageWriter.writePng(Thumbnails.toRaster(scene.snapshot(null)), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
