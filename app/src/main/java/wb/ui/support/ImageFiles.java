package wb.ui.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Dataset;
import wb.dataset.DatasetScanner;
import wb.dataset.ImageItem;
import wb.dataset.Split;

/** Finds the image files among dropped or chosen files and folders, the way the CLI's predict verb does. */
public final class ImageFiles {
    private ImageFiles() { }

    /**
     * Image files in {@code paths}: files with an image extension as they are, folders scanned like a dataset
     * (class folders, train/valid/test or flat), duplicates removed, order kept. Slow for big folders: call it
     * off the FX thread.
     */
    public static List<Path> collect(List<Path> paths, Progress progress, Cancellation cancel) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            cancel.throwIfCancelled();
            if (Files.isDirectory(p)) {
                Dataset ds = DatasetScanner.scan(p, progress, cancel);
                for (Split s : Split.values()) for (ImageItem i : ds.items(s)) out.add(i.path());
            } else if (Files.isRegularFile(p) && DatasetScanner.hasImageExtension(p.getFileName().toString())
                    && !DatasetScanner.isJunk(p.getFileName().toString())) {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }
}
