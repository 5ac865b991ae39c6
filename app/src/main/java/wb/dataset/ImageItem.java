package wb.dataset;

import java.nio.file.Path;
import java.util.Objects;

/** One image file of a dataset and its class label ({@code null} when the file is unlabelled). */
public record ImageItem(Path path, String label) {
    public ImageItem {
        Objects.requireNonNull(path, "path");
    }

    /** True when the item has a class label. */
    public boolean labelled() { return label != null; }
}
