package wb.ui.train;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import wb.ui.support.Fmt;

/**
 * One run folder as the history lists it.
 *
 * @param status          the trainer's end status (COMPLETED, EARLY_STOPPED, CANCELLED, DIVERGED, FAILED), or null
 *                        when the run has not finished (still training, or the application was closed)
 * @param epochs          epochs recorded in metrics.csv
 * @param bestEpoch       epoch of the saved model, 0 when none was saved
 * @param bestValidAccuracy validation accuracy of the saved model, NaN when unknown
 * @param hasModel        the folder holds model.zip and card.json
 */
public record RunRecord(String name, Path dir, String modelId, String modelName, Instant started, String status,
                        String statusMessage, int epochs, int bestEpoch, double bestValidAccuracy, double bestValidLoss,
                        boolean hasModel, boolean hasMetrics) {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** "ShallowNet · 22 Nov 2026, 18:49". */
    public String title() {
        return modelName + " · " + DAY_TIME.format(started.atZone(ZoneId.systemDefault()));
    }

    /** "ShallowNet 18:49:03": short enough for a chart legend. */
    public String shortLabel() {
        return modelName + " " + TIME.format(started.atZone(ZoneId.systemDefault()));
    }

    /** "12 epochs · valid acc 91.2% (epoch 9) · completed". */
    public String summary() {
        StringBuilder sb = new StringBuilder(Fmt.plural(epochs, "epoch", "epochs"));
        if (hasModel && Double.isFinite(bestValidAccuracy)) {
            sb.append(" · valid acc ").append(Fmt.percent(bestValidAccuracy)).append(" (epoch ").append(bestEpoch).append(')');
        } else if (!hasModel) {
            sb.append(" · no saved model");
        }
        sb.append(" · ").append(statusText());
        return sb.toString();
    }

    /** The end status in words. */
    public String statusText() {
        if (status == null) return "unfinished";
        return switch (status) {
            case "COMPLETED" -> "completed";
            case "EARLY_STOPPED" -> "stopped early";
            case "CANCELLED" -> "stopped";
            case "DIVERGED" -> "diverged";
            case "FAILED" -> "failed";
            default -> status.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
