package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.Split;
import wb.dataset.VerificationReport;
import wb.evaluate.ClassMetrics;
import wb.evaluate.ConfusionMatrix;
import wb.evaluate.Ensemble;
import wb.evaluate.Evaluation;
import wb.evaluate.Predictions;
import wb.export.EvaluationReport;
import wb.model.ModelBundle;
import wb.model.TrainedModel;
import wb.train.Inference;
import wb.train.Tta;

/** Evaluates a trained model on a labelled split and writes the metrics and the five prediction views. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a run's model on a labelled split: accuracy, rank-5, log loss, per-class precision/recall/F1, "
                + "confusion matrix, and the five fast.ai prediction views as PNG grids and CSV files.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, description = "Run folder (or model bundle folder) written by 'train'. Repeat it to "
            + "evaluate an ensemble: the average of the models' probabilities (they must know the same classes).")
    List<Path> runs;

    @Option(names = "--data", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--split", defaultValue = "valid", description = "Split to evaluate: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", description = "Folder for the report (default: RUN/eval-SPLIT).")
    Path out;

    @Option(names = "--per-view", defaultValue = "4", description = "Images per class in the per-class views, and 4x that in the random/uncertain views (default: ${DEFAULT-VALUE}).")
    int perView;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the random views (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tta", defaultValue = "none", converter = TtaConverter.class,
            description = "Test-time augmentation, averaging the probabilities of several views: none; flip (the image and its "
                    + "mirror image); crop10 (the centre and four corner crops, each also mirrored; the corners move by the run's "
                    + "crop padding, or 1/16 of the input side) (default: ${DEFAULT-VALUE}).")
    Tta tta;

    @Option(names = "--json", description = "Print the metrics as JSON.")
    boolean json;

    @Override public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Split s = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "valid", "val", "validation" -> Split.VALID;
            case "test" -> Split.TEST;
            default -> throw new IllegalArgumentException("--split must be train, valid or test, not " + split);
        };
        VerificationReport report = DatasetOptions.scanAndVerify(data, err, json);
        Set<String> skipped = new LinkedHashSet<>();
        List<Predictions> members = new ArrayList<>();
        TrainedModel model = null;
        for (Path run : runs) {
            // One model in memory at a time: ensembles of large networks stay within the heap.
            model = ModelBundle.load(run, false);
            if (runs.size() > 1) err.println("ensemble member " + (members.size() + 1) + " of " + runs.size() + ": " + run);
            List<String> memberSkipped = new ArrayList<>();
            members.add(Inference.predict(model, report.usable(), s, 256, tta, memberSkipped, new ConsoleProgress(err), Cancellation.NEVER));
            skipped.addAll(memberSkipped);
        }
        Predictions all = Ensemble.average(members);
        skipped.forEach(m -> err.println("skipped: " + m));
        boolean ensemble = runs.size() > 1;
        Path run = runs.get(0);
        Evaluation ev = Evaluation.of(all);
        if (ev.labelledCount() == 0) throw new wb.common.UserException("the " + split + " split has no labelled images to evaluate");
        Path dir = out != null ? out : run.resolve((ensemble ? "eval-ensemble-" : "eval-") + s.name().toLowerCase(Locale.ROOT));

        Map<String, Object> about = EvaluationReport.about(model.card(), run, s, runs, tta);
        Map<String, Object> summary = EvaluationReport.summary(ev, about);
        EvaluationReport.write(ev, about, dir, perView, seed, (m, d, t) -> { }, Cancellation.NEVER);
        Map<String, Object> metrics = new LinkedHashMap<>();
        String p = s.name().toLowerCase(Locale.ROOT);
        if (tta != Tta.NONE) p = p + "Tta" + tta.name().charAt(0) + tta.name().substring(1).toLowerCase(Locale.ROOT);
        metrics.put(p + "Accuracy", ev.accuracy());
        metrics.put(p + "Rank5", ev.rank5());
        metrics.put(p + "LogLoss", ev.logLoss());
        metrics.put(p + "MacroF1", ev.macroF1());
        // An ensemble's metrics belong to no single model card.
        if (!ensemble) ModelBundle.writeCard(model.card().withMetrics(metrics), run);

        if (json) {
            stdout.println(ModelBundle.json().writeValueAsString(summary));
        } else {
            if (ensemble) stdout.println("ensemble of " + runs.size() + " models (probabilities averaged)");
            if (tta != Tta.NONE) stdout.println("test-time augmentation: " + summary.get("testTimeAugmentation"));
            stdout.printf(Locale.ROOT, "%s: %d images, accuracy %.4f, rank-5 %.4f, log loss %.4f, macro F1 %.4f%n", p, ev.labelledCount(),
                    ev.accuracy(), ev.rank5(), ev.logLoss(), ev.macroF1());
            stdout.printf("%s %9s %9s %9s %8s%n", TextColumns.pad("class", 24), "precision", "recall", "f1", "support");
            for (ClassMetrics m : ev.perClass()) {
                stdout.printf(Locale.ROOT, "%s %9.4f %9.4f %9.4f %8d%n", TextColumns.pad(m.name(), 24), m.precision(), m.recall(), m.f1(), m.support());
            }
            stdout.println("confusion matrix (rows = true, columns = predicted):");
            printConfusion(ev.confusion(), stdout);
            stdout.println("report, view PNGs and CSVs written to " + dir.toAbsolutePath());
        }
        return 0;
    }

    private static void printConfusion(ConfusionMatrix cm, PrintWriter out) {
        int k = cm.classes().size();
        out.print(" ".repeat(14));
        for (int p = 0; p < k; p++) out.print(TextColumns.padLeft(TextColumns.fit(cm.classes().get(p), 6), 7));
        out.println();
        for (int t = 0; t < k; t++) {
            out.print(TextColumns.pad(TextColumns.fit(cm.classes().get(t), 13), 14));
            for (int p = 0; p < k; p++) out.printf("%7d", cm.count(t, p));
            out.println();
        }
    }
}
