package wb.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import wb.common.AtomicFiles;
import wb.common.UserException;
import wb.evaluate.Predictions;

/**
 * Turns predictions on an unlabelled test set into a Kaggle submission CSV, matching the competition's
 * sample submission when one is given.
 *
 * <p>Ids come from file names: the last run of digits ({@code 123.jpg}, {@code cat.123.jpg},
 * {@code img_0042.png -> 42}), or the name without extension when it has no digits (or when the sample
 * submission's ids are not numbers). Rows are sorted by numeric id, so 2 comes before 10.
 *
 * <p>A sample submission with only an id and a label column is read to decide what the label holds:
 * class names, integer class indices, or (with two classes, values such as 0.5) the probability of the
 * SECOND class, as in Dogs vs. Cats where fast.ai writes P(dog) for classes [cats, dogs].
 */
public final class KaggleSubmission {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final MathContext SIGNIFICANT = new MathContext(7);

    private KaggleSubmission() { }

    /** What a label column holds. */
    private enum LabelKind { CLASS_NAME, CLASS_INDEX, PROBABILITY_OF_SECOND }

    /** Builds the rows of the submission; the first row is the header. */
    public static List<String[]> rows(Predictions test, SubmissionOptions options) {
        List<String> classes = test.classes();
        Sample sample = options.sampleSubmission() == null ? null : Sample.read(options.sampleSubmission(), options.idColumn());
        boolean numericIds = sample == null || sample.ids().stream().allMatch(s -> s.matches("\\d+"));

        Map<String, Integer> rowOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            String id = idOf(test.files().get(i), numericIds);
            Integer previous = rowOf.putIfAbsent(id, i);
            if (previous != null) {
                throw new UserException("two test files have the id " + id + ": " + test.files().get(previous).getFileName()
                        + " and " + test.files().get(i).getFileName());
            }
            ids.add(id);
        }
        ids.sort(ID_ORDER);

        String[] header;
        List<Column> columns = new ArrayList<>();
        if (sample == null) {
            if (options.probabilities()) {
                header = new String[classes.size() + 1];
                header[0] = options.idColumn();
                for (int c = 0; c < classes.size(); c++) {
                    header[c + 1] = classes.get(c);
                    columns.add(probabilityColumn(test, c, options));
                }
            } else {
                header = new String[] {options.idColumn(), options.labelColumn()};
                columns.add(i -> classes.get(test.predicted(i)));
            }
        } else {
            header = sample.header().toArray(String[]::new);
            requireSameIds(sample.ids(), ids, options.sampleSubmission());
            columns = sampleColumns(sample, test, options);
        }

        List<String[]> out = new ArrayList<>();
        out.add(header);
        int idPos = sample == null ? 0 : sample.idIndex();
        for (String id : ids) {
            int i = rowOf.get(id);
            String[] row = new String[header.length];
            int c = 0;
            for (int col = 0; col < header.length; col++) row[col] = col == idPos ? id : columns.get(c++).value(i);
            out.add(row);
        }
        return out;
    }

    /** Writes {@link #rows} to {@code csv} atomically (a reader never sees half a file). */
    public static void write(Path csv, Predictions test, SubmissionOptions options) {
        List<String[]> rows = rows(test, options);
        try {
            AtomicFiles.write(csv, os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
                for (String[] r : rows) printer.printRecord((Object[]) r);
                printer.flush();
            });
        } catch (IOException e) {
            throw new UserException("could not write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The id of a test file (see the class comment). */
    static String idOf(Path file, boolean numeric) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (!numeric) return stem;
        Matcher m = DIGITS.matcher(stem);
        String last = null;
        while (m.find()) last = m.group();
        return last == null ? stem : new BigInteger(last).toString();
    }

    /** Numeric ids by value, then any other ids by text after them. */
    private static final Comparator<String> ID_ORDER = (a, b) -> {
        boolean na = a.matches("\\d+");
        boolean nb = b.matches("\\d+");
        if (na && nb) return new BigInteger(a).compareTo(new BigInteger(b));
        if (na != nb) return na ? -1 : 1;
        return a.compareTo(b);
    };

    /** Produces one cell from the prediction index. */
    @FunctionalInterface
    private interface Column {
        String value(int i);
    }

    private static Column probabilityColumn(Predictions test, int c, SubmissionOptions options) {
        return i -> format(options.clip(test.probabilities()[i][c]));
    }

    private static List<Column> sampleColumns(Sample sample, Predictions test, SubmissionOptions options) {
        List<String> classes = test.classes();
        List<String> valueColumns = new ArrayList<>(sample.header());
        valueColumns.remove(sample.idIndex());
        List<Column> columns = new ArrayList<>();
        if (valueColumns.size() == 1) {
            LabelKind kind = labelKind(sample.values(), classes, options);
            switch (kind) {
                case CLASS_NAME -> columns.add(i -> classes.get(test.predicted(i)));
                case CLASS_INDEX -> {
                    boolean namesAreNumbers = classes.stream().allMatch(s -> s.matches("-?\\d+"));
                    columns.add(i -> namesAreNumbers ? classes.get(test.predicted(i)) : Integer.toString(test.predicted(i)));
                }
                case PROBABILITY_OF_SECOND -> columns.add(probabilityColumn(test, 1, options));
            }
            return columns;
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) classIndex.put(classes.get(c), c);
        Set<String> unknown = new LinkedHashSet<>(valueColumns);
        unknown.removeAll(classIndex.keySet());
        Set<String> absent = new LinkedHashSet<>(classes);
        valueColumns.forEach(absent::remove);
        if (!unknown.isEmpty() || !absent.isEmpty()) {
            throw new UserException("the sample submission's columns " + valueColumns + " do not match the model's classes " + classes
                    + (unknown.isEmpty() ? "" : "; not classes: " + unknown) + (absent.isEmpty() ? "" : "; missing classes: " + absent));
        }
        for (String col : valueColumns) {
            int c = classIndex.get(col);
            columns.add(probabilityColumn(test, c, options));
        }
        return columns;
    }

    /** Decides from the sample's values what a single label column expects. */
    private static LabelKind labelKind(List<String> values, List<String> classes, SubmissionOptions options) {
        if (values.isEmpty()) {
            return options.probabilities() && classes.size() == 2 ? LabelKind.PROBABILITY_OF_SECOND : LabelKind.CLASS_NAME;
        }
        boolean allNumbers = true;
        boolean allIntegers = true;
        for (String v : values) {
            try {
                BigDecimal d = new BigDecimal(v.strip());
                allIntegers &= d.stripTrailingZeros().scale() <= 0 && !v.contains(".");
            } catch (NumberFormatException e) {
                allNumbers = false;
                break;
            }
        }
        if (!allNumbers) return LabelKind.CLASS_NAME;
        if (allIntegers) return LabelKind.CLASS_INDEX;
        if (classes.size() != 2) {
            throw new UserException("the sample submission's label column holds probabilities, which only makes sense for 2 classes; the model has "
                    + classes.size() + " (" + String.join(", ", classes) + ")");
        }
        return LabelKind.PROBABILITY_OF_SECOND;
    }

    private static void requireSameIds(List<String> expected, List<String> actual, Path sample) {
        Set<String> exp = new LinkedHashSet<>(expected);
        Set<String> act = new HashSet<>(actual);
        List<String> missing = exp.stream().filter(id -> !act.contains(id)).sorted(ID_ORDER).toList();
        List<String> extra = actual.stream().filter(id -> !exp.contains(id)).sorted(ID_ORDER).toList();
        if (missing.isEmpty() && extra.isEmpty()) return;
        StringBuilder msg = new StringBuilder("test ids do not match ").append(sample.getFileName()).append(" (nothing written)");
        if (!missing.isEmpty()) msg.append("; ").append(missing.size()).append(" missing: ").append(firstFive(missing));
        if (!extra.isEmpty()) msg.append("; ").append(extra.size()).append(" extra: ").append(firstFive(extra));
        throw new UserException(msg.toString());
    }

    private static String firstFive(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + (ids.size() > 5 ? ", ..." : "");
    }

    /** Seven significant digits in plain notation (no "1.0E-15"), enough for any log-loss scorer. */
    static String format(double p) {
        if (p == 0) return "0";
        return new BigDecimal(p).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** A parsed sample submission: its header exactly as written, where the id column is, ids and first-label values. */
    private record Sample(List<String> header, int idIndex, List<String> ids, List<String> values) {
        static Sample read(Path file, String idColumn) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<CSVRecord> records = CSVFormat.DEFAULT.parse(r).getRecords();
                if (records.isEmpty()) throw new UserException(file + " is empty; expected a header such as id,label");
                List<String> header = new ArrayList<>(records.get(0).toList());
                if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
                if (header.size() < 2) throw new UserException(file + " has only the column " + header + "; expected an id column and at least one more");
                // The configured id column when the header has it, else the first column (Kaggle's convention).
                int idIndex = 0;
                for (int c = 0; c < header.size(); c++) if (header.get(c).equalsIgnoreCase(idColumn)) idIndex = c;
                int valueIndex = idIndex == 0 ? 1 : 0;
                List<String> ids = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (CSVRecord rec : records.subList(1, records.size())) {
                    if (rec.size() == 1 && rec.get(0).isBlank()) continue;
                    if (rec.size() != header.size()) throw new UserException(file + " line " + rec.getRecordNumber() + " has " + rec.size() + " fields, the header has " + header.size());
                    ids.add(rec.get(idIndex).strip());
                    values.add(rec.get(valueIndex));
                }
                return new Sample(List.copyOf(header), idIndex, ids, values);
            } catch (IOException e) {
                throw new UserException("cannot read sample submission " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
