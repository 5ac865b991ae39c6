package wb.dataset;

import java.nio.file.Path;
import java.util.Objects;

/** A file or folder that could not be used, and why. */
public record FileProblem(Path path, String reason) {
    public FileProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override public String toString() { return path + ": " + reason; }
}
