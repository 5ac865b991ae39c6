package wb.dataset;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import wb.common.AtomicFiles;
import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.Seeds;
import wb.common.UserException;
import wb.imaging.Raster;

/** Writes in-memory labelled images as a fast.ai folder layout with an optional Kaggle-style test set. */
final class ImportWriter {

    /** Random access to the records of a decoded archive. */
    interface Source {
        int size();

        /** The label index of record {@code i}. */
        int label(int i);

        Raster image(int i);
    }

    private ImportWriter() { }

    /**
     * Writes {@code out/train/<class>/<n>.png} and {@code out/valid/<class>/<n>.png} (n = record index in
     * the source) and, when requested, {@code out/test/<id>.png}, {@code out/test_labels.csv} and
     * {@code out/sample_submission.csv}.
     */
    static ImportResult write(Source train, Source test, List<String> classNames, Path out, ImportOptions options,
                              Progress progress, Cancellation cancellation) {
        List<String> classes = safeNames(classNames);
        if (options.testLimit() != 0 && test == null) {
            throw new IllegalArgumentException("a test set was requested (testLimit " + options.testLimit() + ") but no test source was given");
        }
        DatasetWriter.requireEmptyTarget(out);
        Seeds seeds = new Seeds(options.seed());

        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < train.size(); i++) {
            byClass.computeIfAbsent(classes.get(checkLabel(train, i, classes.size())), k -> new ArrayList<>()).add(i);
        }
        if (options.limitPerClass() > 0) {
            for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
                List<Integer> group = e.getValue();
                Splitter.shuffle(group, seeds.stream("limit/" + e.getKey()));
                e.setValue(new ArrayList<>(group.subList(0, Math.min(options.limitPerClass(), group.size()))));
            }
        }
        Map<Split, List<Integer>> parts = Splitter.split(byClass, options.validFraction(), 0, seeds.seedFor("split"), Integer::compare);

        List<Integer> testIds = new ArrayList<>();
        if (test != null && options.testLimit() != 0) {
            for (int i = 0; i < test.size(); i++) testIds.add(i);
            // Shuffled so that the public ids 1..N say nothing about the source order (which is often by class).
            Splitter.shuffle(testIds, seeds.stream("test"));
            if (options.testLimit() > 0) testIds = new ArrayList<>(testIds.subList(0, Math.min(options.testLimit(), testIds.size())));
        }

        long total = parts.get(Split.TRAIN).size() + parts.get(Split.VALID).size() + testIds.size();
        long done = 0;
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        try {
            for (Split s : List.of(Split.TRAIN, Split.VALID)) {
                List<Integer> indices = parts.get(s);
                indices.sort(null);
                Path splitDir = out.resolve(s.name().toLowerCase(Locale.ROOT));
                for (String c : classes) if (byClass.containsKey(c)) Files.createDirectories(splitDir.resolve(c));
                for (int i : indices) {
                    cancellation.throwIfCancelled();
                    Pngs.write(train.image(i), splitDir.resolve(classes.get(train.label(i))).resolve(i + ".png"));
                    progress.update("Writing " + s.name().toLowerCase(Locale.ROOT) + " images", ++done, total);
                }
                counts.put(s, indices.size());
            }
            if (!testIds.isEmpty()) {
                Path testDir = out.resolve("test");
                Files.createDirectories(testDir);
                List<String[]> key = new ArrayList<>();
                for (int k = 0; k < testIds.size(); k++) {
                    cancellation.throwIfCancelled();
                    int i = testIds.get(k);
                    int id = k + 1;
                    Pngs.write(test.image(i), testDir.resolve(id + ".png"));
                    key.add(new String[] {Integer.toString(id), classes.get(checkLabel(test, i, classes.size()))});
                    progress.update("Writing test images", ++done, total);
                }
                writeCsv(out.resolve("test_labels.csv"), key, k -> k);
                // The placeholder is a valid class name, so the file is also a valid (if useless) submission.
                writeCsv(out.resolve("sample_submission.csv"), key, k -> new String[] {k[0], classes.get(0)});
                counts.put(Split.TEST, testIds.size());
            }
        } catch (IOException e) {
            throw new UserException("could not write " + out + ": " + e.getMessage(), e);
        }
        return new ImportResult(out, classes, counts);
    }

    private static void writeCsv(Path file, List<String[]> rows, java.util.function.UnaryOperator<String[]> map) throws IOException {
        AtomicFiles.write(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
            printer.printRecord("id", "label");
            for (String[] r : rows) printer.printRecord((Object[]) map.apply(r));
            printer.flush();
        });
    }

    private static int checkLabel(Source source, int i, int classCount) {
        int label = source.label(i);
        if (label < 0 || label >= classCount) {
            throw new UserException("label " + label + " of record " + i + " is outside 0.." + (classCount - 1)
                    + " (" + classCount + " class names given); wrong class list or corrupt label file?");
        }
        return label;
    }

    /** Folder-safe class names: letters and digits kept, other runs become '_'; must stay unique. */
    static List<String> safeNames(List<String> names) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            String safe = n.strip().replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
            if (safe.isEmpty() || !seen.add(safe)) {
                throw new IllegalArgumentException("class name '" + n + "' is empty or not unique as a folder name ('" + safe + "')");
            }
            out.add(safe);
        }
        return out;
    }
}
