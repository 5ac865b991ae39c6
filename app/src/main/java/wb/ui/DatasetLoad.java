package wb.ui;

import java.nio.file.Path;
import java.util.Objects;

import wb.dataset.Dataset;
import wb.dataset.VerificationReport;

/**
 * What opening a dataset has produced so far: the scan, then also the verification. Each snapshot holds
 * everything known at that point, because JavaFX may coalesce intermediate values.
 *
 * @param report null until every image has been decoded
 */
public record DatasetLoad(Path root, Dataset dataset, VerificationReport report) {
    public DatasetLoad {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataset, "dataset");
    }

    public boolean verified() {
        return report != null;
    }
}
