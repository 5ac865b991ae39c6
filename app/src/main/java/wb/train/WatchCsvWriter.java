package wb.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import wb.evaluate.Predictions;

/**
 * Appends each epoch's {@link WatchFrame} to {@code watch.csv}: one row per watched image with the epoch, the
 * file, its true and predicted class, the predicted class's probability and every class's probability
 * ({@code p:CLASS} columns), flushed per epoch like metrics.csv. A resumed run keeps appending.
 */
public final class WatchCsvWriter implements TrainingObserver {

    public static final String FILE = "watch.csv";
    private static final List<String> FIXED = List.of("epoch", "file", "true", "predicted", "probability");
    private static final String P = "p:";

    private final Path file;

    public WatchCsvWriter(Path file) { this.file = file; }

    @Override public void onStart(RunStart start) {
        if (start.firstEpoch() == 1) {
            try {
                Files.deleteIfExists(file); // the header follows the classes, written with the first frame
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    @Override public void onWatch(WatchFrame f) {
        Predictions p = f.predictions();
        try {
            boolean header = !Files.exists(file) || Files.size(file) == 0;
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
                if (header) {
                    List<String> h = new ArrayList<>(FIXED);
                    for (String c : p.classes()) h.add(P + c);
                    out.printRecord(h);
                }
                for (int i = 0; i < p.size(); i++) {
                    List<String> row = new ArrayList<>();
                    int t = p.trueLabels()[i];
                    int k = p.predicted(i);
                    row.add(Integer.toString(f.epoch()));
                    row.add(p.files().get(i).toString());
                    row.add(t < 0 ? "" : p.classes().get(t));
                    row.add(p.classes().get(k));
                    row.add(String.format(Locale.ROOT, "%.6f", p.probabilities()[i][k]));
                    for (float v : p.probabilities()[i]) row.add(String.format(Locale.ROOT, "%.6f", v));
                    out.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the frames back, oldest epoch first (a later frame for the same epoch, after a resume, wins). */
    public static List<WatchFrame> read(Path file) throws IOException {
        Map<Integer, List<CSVRecord>> byEpoch = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterable<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
            boolean first = true;
            for (CSVRecord r : records) {
                if (first) {
                    for (String h : r.getParser().getHeaderNames()) if (h.startsWith(P)) classes.add(h.substring(P.length()));
                    first = false;
                }
                int epoch = Integer.parseInt(r.get("epoch"));
                List<CSVRecord> rows = byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>());
                // A resumed run repeats the epoch it resumes after only if the checkpoint was older: keep the latest rows.
                if (!rows.isEmpty() && rows.stream().anyMatch(x -> x.get("file").equals(r.get("file")))) rows.clear();
                rows.add(r);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("damaged " + file.getFileName() + ": " + e.getMessage(), e);
        }
        List<WatchFrame> out = new ArrayList<>();
        for (Map.Entry<Integer, List<CSVRecord>> e : byEpoch.entrySet()) {
            List<CSVRecord> rows = e.getValue();
            List<Path> files = new ArrayList<>();
            int[] labels = new int[rows.size()];
            float[][] probs = new float[rows.size()][classes.size()];
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord r = rows.get(i);
                files.add(Path.of(r.get("file")));
                labels[i] = r.get("true").isEmpty() ? -1 : classes.indexOf(r.get("true"));
                for (int c = 0; c < classes.size(); c++) probs[i][c] = Float.parseFloat(r.get(P + classes.get(c)));
            }
            out.add(new WatchFrame(e.getKey(), new Predictions(classes, files, labels, probs)));
        }
        out.sort(java.util.Comparator.comparingInt(WatchFrame::epoch));
        return out;
    }
}
