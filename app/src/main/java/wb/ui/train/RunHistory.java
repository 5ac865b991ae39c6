package wb.ui.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import wb.common.UserException;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.model.ModelZoo;
import wb.train.MetricsCsvWriter;
import wb.train.PhasesCsvWriter;
import wb.train.WatchCsvWriter;
import wb.train.WatchFrame;

/** Names new run folders and reads existing ones (card, config and metrics) for the run history. */
public final class RunHistory {
    private RunHistory() { }

    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss", Locale.ROOT);

    /**
     * A new folder name under {@code runsFolder}: local start time and model id, e.g.
     * {@code 2026-11-22_18-49-03_shallownet}; "-2", "-3"... is appended if that folder exists.
     */
    public static String newRunName(Path runsFolder, String modelId, ZonedDateTime now) {
        String base = NAME_TIME.format(now) + "_" + modelId;
        String name = base;
        for (int n = 2; Files.exists(runsFolder.resolve(name)); n++) name = base + "-" + n;
        return name;
    }

    /** Every run folder in {@code runsFolder}, newest first; an absent folder has no runs. */
    public static List<RunRecord> scan(Path runsFolder) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        if (runsFolder == null || !Files.isDirectory(runsFolder)) return out;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsFolder, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().startsWith(".")) continue;
                RunRecord r = read(dir);
                if (r != null) out.add(r);
            }
        }
        out.sort(Comparator.comparing(RunRecord::started).thenComparing(RunRecord::name).reversed());
        return out;
    }

    /** The run in {@code dir}, or null when the folder is not a run (no config, card or metrics). */
    public static RunRecord read(Path dir) {
        Path card = dir.resolve(ModelBundle.CARD_FILE);
        Path config = dir.resolve("config.json");
        Path metrics = dir.resolve("metrics.csv");
        if (!Files.exists(card) && !Files.exists(config) && !Files.exists(metrics)) return null;

        String name = dir.getFileName().toString();
        ModelCard c = null;
        if (Files.isRegularFile(card)) {
            try {
                c = ModelBundle.readCard(dir);
            } catch (UserException e) {
                c = null; // a damaged card: list the run without its model details
            }
        }
        String modelId = c != null ? c.modelId() : modelIdFromConfig(config);
        String modelName = c != null ? c.modelName() : displayName(modelId);
        Map<String, Object> m = c == null ? Map.of() : c.metrics();
        String status = m.get("runStatus") instanceof String s ? s : null;
        String statusMessage = m.get("runMessage") instanceof String s ? s : null;
        int epochs = countEpochs(metrics);
        boolean hasModel = c != null && Files.isRegularFile(dir.resolve(ModelBundle.NETWORK_FILE));
        return new RunRecord(name, dir, modelId, modelName, started(name, c, dir), status, statusMessage, epochs,
                c == null ? 0 : c.bestEpoch(), number(m.get("validAccuracy")), number(m.get("validLoss")), hasModel, epochs > 0);
    }

    /** The run's epoch curves from its metrics.csv. */
    public static RunCurves curves(RunRecord run) throws IOException {
        Path metrics = run.dir().resolve("metrics.csv");
        if (!Files.isRegularFile(metrics)) {
            throw new UserException("the run " + run.name() + " has no metrics.csv: it stopped before its first epoch finished");
        }
        List<TrainingSnapshot.PhaseMark> phases = new ArrayList<>();
        try {
            for (PhasesCsvWriter.Mark m : PhasesCsvWriter.read(run.dir().resolve("phases.csv"))) {
                phases.add(new TrainingSnapshot.PhaseMark(m.name(), m.firstEpoch()));
            }
        } catch (IOException | RuntimeException e) {
            phases.clear(); // a damaged phases.csv costs the mark, not the curves
        }
        List<WatchFrame> watch = List.of();
        Path watchCsv = run.dir().resolve(WatchCsvWriter.FILE);
        if (Files.isRegularFile(watchCsv)) {
            try {
                watch = WatchCsvWriter.read(watchCsv);
            } catch (IOException | RuntimeException e) {
                watch = List.of(); // a damaged watch.csv costs the gallery, not the curves
            }
        }
        return new RunCurves(run, MetricsCsvWriter.read(metrics), phases, watch);
    }

    private static String modelIdFromConfig(Path config) {
        if (!Files.isRegularFile(config)) return "unknown";
        try {
            Map<?, ?> map = ModelBundle.json().readValue(config.toFile(), Map.class);
            return map.get("model") instanceof String s ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String displayName(String modelId) {
        try {
            return ModelZoo.standard().get(modelId).displayName();
        } catch (UserException e) {
            return modelId;
        }
    }

    private static int countEpochs(Path metrics) {
        if (!Files.isRegularFile(metrics)) return 0;
        try (var lines = Files.lines(metrics, StandardCharsets.UTF_8)) {
            return (int) Math.max(0, lines.skip(1).filter(l -> !l.isBlank()).count());
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static Instant started(String name, ModelCard card, Path dir) {
        if (name.length() >= 19) {
            try {
                return LocalDateTime.parse(name.substring(0, 19), NAME_TIME).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                // not one of our names: fall through
            }
        }
        try {
            return Files.getLastModifiedTime(dir).toInstant();
        } catch (IOException e) {
            return card != null && card.createdAt() != null ? Instant.parse(card.createdAt()) : Instant.EPOCH;
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
