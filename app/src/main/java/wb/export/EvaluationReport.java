package wb.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import wb.common.AtomicFiles;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Split;
import wb.evaluate.ClassMetrics;
import wb.evaluate.ConfusionMatrix;
import wb.evaluate.Evaluation;
import wb.evaluate.PredictionView;
import wb.evaluate.PredictionViews;
import wb.evaluate.ViewItem;
import wb.model.ModelBundle;
import wb.model.ModelCard;
import wb.train.Tta;

/**
 * One evaluation written to a folder, the same from the command line's {@code evaluate} and the Export screen:
 * {@code evaluation.json} (what was evaluated, the metrics, per-class figures and the confusion matrix),
 * {@code confusion_matrix.csv}, {@code per_class.csv}, and the five prediction views as PNG sheets with CSV lists
 * ({@code most_confident_correct.png}/{@code .csv} and so on). The views of the most confident right and wrong answers
 * hold {@code perView} images per class, the others {@code 4 × perView}; the random views draw with {@code seed}.
 * Each file is written atomically. An evaluation without labels has no metrics: it gets {@code evaluation.json} (with
 * its image count) and the views, and no metric CSV files.
 */
public final class EvaluationReport {
    public static final int DEFAULT_PER_VIEW = 4;
    public static final long DEFAULT_SEED = 42;
    static final int TILE = 128;

    private EvaluationReport() { }

    /**
     * What an evaluation was of, the fields that open {@code evaluation.json}, alike from both front ends: the model's
     * name, its run folder ({@code null}: left out), the split, the ensemble's members when there is more than one (the
     * first model first) and how test-time augmentation drew its views.
     */
    public static Map<String, Object> about(ModelCard card, Path run, Split split, List<Path> members, Tta tta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", card.modelName());
        if (run != null) m.put("run", run.toAbsolutePath().toString());
        m.put("split", split.name().toLowerCase(Locale.ROOT));
        if (members.size() > 1) m.put("ensemble", members.stream().map(r -> r.toAbsolutePath().toString()).toList());
        m.put("testTimeAugmentation", tta.describe(Tta.trainedFill(card.augmentation()), card.width(), card.height()));
        return m;
    }

    /**
     * The JSON summary: {@code about} first (what was evaluated: split, model, test-time augmentation, ensemble...),
     * then the image counts and, when there are labels, the metrics, classes, confusion matrix and per-class figures.
     */
    public static Map<String, Object> summary(Evaluation ev, Map<String, ?> about) {
        Map<String, Object> m = new LinkedHashMap<>(about);
        m.put("images", ev.labelledCount());
        if (ev.labelledCount() < ev.predictions().size()) m.put("unlabelledImages", ev.predictions().size() - ev.labelledCount());
        m.put("classes", ev.predictions().classes());
        if (ev.labelledCount() == 0) return m;
        m.put("accuracy", ev.accuracy());
        m.put("rank5", ev.rank5());
        m.put("logLoss", ev.logLoss());
        m.put("macroF1", ev.macroF1());
        m.put("confusionMatrix", ev.confusion().toArray());
        List<Map<String, Object>> pc = new ArrayList<>();
        for (ClassMetrics c : ev.perClass()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("class", c.name());
            r.put("precision", c.precision());
            r.put("recall", c.recall());
            r.put("f1", c.f1());
            r.put("support", c.support());
            pc.add(r);
        }
        m.put("perClass", pc);
        return m;
    }

    /**
     * Writes the report into {@code dir} (created if needed) and returns the files written, in order. Reports
     * progress per file and stops between files when cancelled (what was written stays, each file whole).
     */
    public static List<Path> write(Evaluation ev, Map<String, ?> about, Path dir, int perView, long seed, Progress progress,
                                   Cancellation cancel) throws IOException {
        if (perView < 1) throw new IllegalArgumentException("perView must be at least 1, not " + perView);
        Files.createDirectories(dir);
        boolean labelled = ev.labelledCount() > 0;
        PredictionView[] views = PredictionView.values();
        int steps = 1 + (labelled ? 2 : 0) + views.length;
        int step = 0;
        List<Path> written = new ArrayList<>();
        Map<String, Object> summary = summary(ev, about);
        progress.update("Writing evaluation.json", step++, steps);
        Path json = dir.resolve("evaluation.json");
        AtomicFiles.write(json, o -> ModelBundle.json().writeValue(o, summary));
        written.add(json);
        if (labelled) {
            cancel.throwIfCancelled();
            progress.update("Writing confusion_matrix.csv", step++, steps);
            written.add(writeConfusion(ev.confusion(), dir.resolve("confusion_matrix.csv")));
            progress.update("Writing per_class.csv", step++, steps);
            written.add(writePerClass(ev, dir.resolve("per_class.csv")));
        }
        int k = ev.predictions().classCount();
        for (PredictionView v : views) {
            cancel.throwIfCancelled();
            String name = v.name().toLowerCase(Locale.ROOT);
            progress.update("Rendering " + name, step++, steps);
            boolean perClass = v == PredictionView.MOST_CONFIDENT_CORRECT || v == PredictionView.MOST_CONFIDENT_INCORRECT;
            List<ViewItem> items = new ArrayList<>();
            if (perClass) {
                for (int c = 0; c < k; c++) items.addAll(PredictionViews.select(ev, v, c, perView, seed));
            } else {
                items.addAll(PredictionViews.select(ev, v, null, perView * 4, seed));
            }
            Path png = dir.resolve(name + ".png");
            Path csv = dir.resolve(name + ".csv");
            ViewSheets.writePng(items, perClass ? perView : 8, TILE, png);
            ViewSheets.writeCsv(items, csv);
            written.add(png);
            written.add(csv);
        }
        progress.update("Report written", steps, steps);
        return List.copyOf(written);
    }

    /** The confusion matrix as CSV: a header of predicted classes, then one row per true class. */
    public static Path writeConfusion(ConfusionMatrix cm, Path file) throws IOException {
        List<String> header = new ArrayList<>();
        header.add("true\\predicted");
        header.addAll(cm.classes());
        return csv(file, header, p -> {
            for (int t = 0; t < cm.classes().size(); t++) {
                List<Object> row = new ArrayList<>();
                row.add(cm.classes().get(t));
                for (int q = 0; q < cm.classes().size(); q++) row.add(cm.count(t, q));
                p.printRecord(row);
            }
        });
    }

    /** Precision, recall, F1 and support per class, one row each. */
    public static Path writePerClass(Evaluation ev, Path file) throws IOException {
        return csv(file, List.of("class", "precision", "recall", "f1", "support"), p -> {
            for (ClassMetrics m : ev.perClass()) {
                p.printRecord(m.name(), fixed(m.precision()), fixed(m.recall()), fixed(m.f1()), m.support());
            }
        });
    }

    private interface Rows { void print(CSVPrinter p) throws IOException; }

    private static Path csv(Path file, List<String> header, Rows rows) throws IOException {
        AtomicFiles.write(file, out -> {
            OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
                rows.print(p);
            }
        });
        return file;
    }

    private static String fixed(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
