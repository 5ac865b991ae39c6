package wb.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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

    static final String PROGRESS = "progress", START = "start", PHASE = "phase", BATCHES = "batches", PAUSED = "paused", EPOCH = "epoch",
            WATCH = "watch", FINISH = "finish", OUTCOME = "outcome", FAILURE = "failure";

    /** Commands on the worker's standard input, one per line. */
    static final String PAUSE = "pause", RESUME = "resume", STOP = "stop";

    static final ObjectMapper JSON = ModelBundle.json().copy().disable(SerializationFeature.INDENT_OUTPUT);

    private TrainingEvents() { }

    private static final String HEAD = "{\"event\":\"", DATA = "\",\"data\":";

    /** One line (without its newline). Event names are plain words, so only the data needs encoding. */
    static String encode(String event, Object data) {
        try {
            return HEAD + event + DATA + JSON.writeValueAsString(data) + "}";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decoded line: its event name and data (JSON text, parsed once, into the type its name says). */
    record Line(String event, String data) {
        <T> T as(Class<T> type) throws IOException {
            return JSON.readValue(data, type);
        }
    }

    /** The line's event, or null when the line is not one (a library's stray output). */
    static Line decode(String text) {
        if (!text.startsWith(HEAD) || !text.endsWith("}")) return null;
        int end = text.indexOf('"', HEAD.length());
        if (end < 0 || !text.startsWith(DATA, end)) return null;
        return new Line(text.substring(HEAD.length(), end), text.substring(end + DATA.length(), text.length() - 1));
    }

    /**
     * Passes a decoded event to {@code observer} or {@code progress}. The two end events (outcome, failure) are the
     * caller's; any other unknown event, from a newer worker, is ignored.
     */
    static void dispatch(Line line, TrainingObserver observer, Progress progress) throws IOException {
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
            case BATCHES -> {
                for (BatchMetrics b : line.as(BatchMetrics[].class)) observer.onBatch(b);
            }
            case PAUSED -> observer.onPaused();
            case EPOCH -> observer.onEpoch(line.as(EpochMetrics.class));
            case WATCH -> observer.onWatch(line.as(WatchFrame.class));
            case FINISH -> observer.onFinish(line.as(RunEnd.class));
            default -> { }
        }
    }
}
