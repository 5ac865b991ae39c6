package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import wb.common.Cancellation;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.FileProblem;
import wb.dataset.VerificationReport;

/** Shared steps of commands that read a dataset: scan, verify, and report skipped files. */
final class DatasetOptions {
    private DatasetOptions() { }

    /** Scans and verifies, printing the skipped files (path and reason) to {@code err}. */
    static VerificationReport scanAndVerify(Path dir, PrintWriter err, boolean quiet) {
        ConsoleProgress progress = new ConsoleProgress(err);
        Dataset ds = DatasetScanner.scan(dir, progress, Cancellation.NEVER);
        VerificationReport report = DatasetDoctor.verify(ds, 0, progress, Cancellation.NEVER);
        if (!quiet) {
            for (FileProblem p : ds.problems()) err.println("skipped: " + p.path() + ": " + p.reason());
            for (FileProblem p : report.badFiles()) err.println("skipped: " + p.path() + ": " + p.reason());
        }
        return report;
    }
}
