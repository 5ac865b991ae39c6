package wb.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import wb.common.Progress;
import wb.dataset.Dataset;
import wb.model.ModelBundle;

/**
 * The wire format between {@link TrainingProcess} and {@link TrainingWorker}: one JSON object per line,
 * {@code {"event": NAME, "data": {...}}}, for the observer's callbacks, preparation progress, and how the run ended
 * (its {@link TrainingSession.Outcome} or a failure). Non-finite numbers travel as the strings "NaN" and "Infinity".
 */
final class TrainingEvents {

    /** What the worker is asked to do: the arguments of {@link TrainingSession#run}. */
    record Job(Dataset dataset, int channels, TrainConfig config, Path runDir, boolean resume) { }

    record ProgressUpdate(String message, long done, long total) { }

    record Phase(String name, int firstEpoch) { }

    /**
     * The run threw instead of returning: {@code user} for a message meant for the user (bad input, a run folder that
     * cannot be used), {@code cancelled} for a cancelled preparation, {@code error} for anything else ({@code detail}
     * then has the stack trace).
     */
    record Failure(String kind, String message, String detail) { }

    static final String PROGRESS = "progress", START = "start", PHASE = "phase", BATCH = "batch", EPOCH = "epoch",
            WATCH = "watch", FINISH = "finish", OUTCOME = "outcome", FAILURE = "failure";

    /** Commands on the worker's standard input, one per line. */
    static final String PAUSE = "pause", RESUME = "resume", STOP = "stop";

    static final ObjectMapper JSON = ModelBundle.json().copy().disable(SerializationFeature.INDENT_OUTPUT);

    private TrainingEvents() { }

    /** One line (without its newline). */
    static String encode(String event, Object data) {
        ObjectNode line = JSON.createObjectNode();
        line.put("event", event);
        line.set("data", JSON.valueToTree(data));
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decoded line: its event name and data, or null when the line is not an event (a library's stray output). */
    record Line(String event, JsonNode data) {
        <T> T as(Class<T> type) throws IOException {
            return JSON.treeToValue(data, type);
        }
    }

    static Line decode(String text) {
        if (!text.startsWith("{\"event\":")) return null;
        try {
            JsonNode node = JSON.readTree(text);
            return new Line(node.path("event").asText(), node.path("data"));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Passes a decoded event to {@code observer} or {@code progress}; returns false for the two end events. */
    static boolean dispatch(Line line, TrainingObserver observer, Progress progress) throws IOException {
        switch (line.event()) {
            case PROGRESS -> {
                ProgressUpdate p = line.as(ProgressUpdate.class);
                progress.update(p.message(), p.done(), p.total());
            }
            case START -> observer.onStart(line.as(RunStart.class));
            case PHASE -> {
                Phase p = line.as(Phase.class);
                observer.onPhase(p.name(), p.firstEpoch());
            }
            case BATCH -> observer.onBatch(line.as(BatchMetrics.class));
            case EPOCH -> observer.onEpoch(line.as(EpochMetrics.class));
            case WATCH -> observer.onWatch(line.as(WatchFrame.class));
            case FINISH -> observer.onFinish(line.as(RunEnd.class));
            default -> {
                return false;
            }
        }
        return true;
    }
}
