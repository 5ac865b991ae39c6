package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.common.UserException;
import wb.dataset.Dataset;
import wb.dataset.DatasetScanner;
import wb.dataset.ImageItem;
import wb.dataset.Split;
import wb.evaluate.Ensemble;
import wb.evaluate.Predictions;
import wb.export.KaggleSubmission;
import wb.export.SubmissionOptions;
import wb.model.ModelBundle;
import wb.model.TrainedModel;
import wb.train.Inference;
import wb.train.Tta;

/** Classifies a folder of images and writes a Kaggle submission CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify a folder of images (e.g. an unlabelled Kaggle test/ folder) and write a submission CSV, "
                + "ids from the file names in numeric order. With --sample-submission, the CSV copies its header, ids and column order "
                + "exactly, and nothing is written if the ids do not match.")
final class PredictCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--run", required = true, description = "Run folder (or model bundle folder) written by 'train'. Repeat it to "
            + "predict with an ensemble: the average of the models' probabilities (they must know the same classes).")
    List<Path> runs;

    @Option(names = "--images", required = true, description = "Folder of images to classify (searched recursively).")
    Path images;

    @Option(names = "--csv", required = true, description = "Submission CSV to write (atomically).")
    Path csv;

    @Option(names = "--sample-submission", description = "The competition's sample_submission.csv to match.")
    Path sample;

    @Option(names = "--probabilities", description = "One probability column per class instead of a label column.")
    boolean probabilities;

    @Option(names = "--clip", description = "Clip probabilities to LO,HI, e.g. 0.05,0.95 (limits the log-loss penalty of confident mistakes).")
    String clip;

    @Option(names = "--tta", defaultValue = "none", converter = TtaConverter.class,
            description = "Test-time augmentation: none, flip or crop10, as in 'evaluate --tta' (default: ${DEFAULT-VALUE}).")
    Tta tta;

    @Option(names = "--top", defaultValue = "0", description = "Also print the top-N classes per image, N <= 5 (default: ${DEFAULT-VALUE}).")
    int top;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Double lo = null;
        Double hi = null;
        if (clip != null) {
            String[] p = clip.split(",");
            if (p.length != 2) throw new IllegalArgumentException("--clip needs two numbers LO,HI, e.g. 0.05,0.95");
            try {
                lo = Double.parseDouble(p[0].trim());
                hi = Double.parseDouble(p[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--clip needs two numbers LO,HI, e.g. 0.05,0.95, not " + clip);
            }
        }
        Dataset ds = DatasetScanner.scan(images, new ConsoleProgress(err), Cancellation.NEVER);
        ds.problems().forEach(p -> err.println("skipped: " + p.path() + ": " + p.reason()));
        List<Path> files = new ArrayList<>();
        for (Split s : Split.values()) for (ImageItem i : ds.items(s)) files.add(i.path());
        if (files.isEmpty()) throw new UserException("no images in " + images);
        Set<String> skipped = new LinkedHashSet<>();
        int[] unknown = new int[files.size()];
        java.util.Arrays.fill(unknown, -1);
        List<Predictions> members = new ArrayList<>();
        for (Path run : runs) {
            TrainedModel model = ModelBundle.load(run, false);
            if (runs.size() > 1) err.println("ensemble member " + (members.size() + 1) + " of " + runs.size() + ": " + run);
            List<String> memberSkipped = new ArrayList<>();
            members.add(Inference.predict(model, files, unknown, 256, tta, memberSkipped, new ConsoleProgress(err), Cancellation.NEVER));
            skipped.addAll(memberSkipped);
        }
        Predictions p = Ensemble.average(members);
        skipped.forEach(m -> err.println("skipped: " + m));
        SubmissionOptions opts = new SubmissionOptions(probabilities, lo, hi, sample, null, null);
        KaggleSubmission.write(csv, p, opts);
        if (top > 0) {
            int n = Math.min(top, Math.min(5, p.classCount()));
            for (int i = 0; i < p.size(); i++) {
                float[] pr = p.probabilities()[i];
                Integer[] order = new Integer[pr.length];
                for (int c = 0; c < pr.length; c++) order[c] = c;
                java.util.Arrays.sort(order, (a, b) -> Float.compare(pr[b], pr[a]));
                StringBuilder sb = new StringBuilder(p.files().get(i).getFileName().toString());
                for (int k = 0; k < n; k++) sb.append(String.format(Locale.ROOT, "  %s %.3f", p.classes().get(order[k]), pr[order[k]]));
                out.println(sb);
            }
        }
        // Every "skipped:" line above counts: what the scan refused (links, empty files) and what could not be decoded.
        int skippedAll = ds.problems().size() + skipped.size();
        out.println("wrote " + csv + " (" + p.size() + " predictions" + (skippedAll == 0 ? "" : ", " + skippedAll + " skipped, listed above") + ")");
        return 0;
    }
}
