package wb.export;

import java.nio.file.Path;

/**
 * How to write a Kaggle submission.
 *
 * @param probabilities    without a sample submission: one probability column per class (true) or one
 *                         label column with the predicted class name (false)
 * @param clipLow          lower clip for probability values (null = none), e.g. 0.02 to cap log-loss damage
 * @param clipHigh         upper clip for probability values (null = none), e.g. 0.98
 * @param sampleSubmission the competition's sample_submission.csv (nullable); when given it decides the
 *                         header, the column order, the id set and the label format
 * @param idColumn         name of the id column (default "id")
 * @param labelColumn      name of the label column when there is one (default "label")
 */
public record SubmissionOptions(boolean probabilities, Double clipLow, Double clipHigh, Path sampleSubmission,
                                String idColumn, String labelColumn) {

    public SubmissionOptions {
        if (idColumn == null || idColumn.isBlank()) idColumn = "id";
        if (labelColumn == null || labelColumn.isBlank()) labelColumn = "label";
        double low = clipLow == null ? 0 : clipLow;
        double high = clipHigh == null ? 1 : clipHigh;
        if (!(low >= 0 && high <= 1 && low < high)) {
            throw new IllegalArgumentException("clipping needs 0 <= low < high <= 1, got low=" + clipLow + " high=" + clipHigh);
        }
    }

    /** Class-name labels, no clipping, no sample submission, columns "id" and "label". */
    public static SubmissionOptions labels() {
        return new SubmissionOptions(false, null, null, null, null, null);
    }

    /** This configuration with {@code sample} as the sample submission. */
    public SubmissionOptions withSample(Path sample) {
        return new SubmissionOptions(probabilities, clipLow, clipHigh, sample, idColumn, labelColumn);
    }

    double clip(double p) {
        if (clipLow != null) p = Math.max(clipLow, p);
        if (clipHigh != null) p = Math.min(clipHigh, p);
        return p;
    }
}
