package wb.ui.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import wb.common.UserException;
import wb.dataset.CifarImporter;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetWriter;
import wb.dataset.DuplicateGroup;
import wb.dataset.FileProblem;
import wb.dataset.IdxImporter;
import wb.dataset.ImageItem;
import wb.dataset.ImportOptions;
import wb.dataset.ImportResult;
import wb.dataset.Layout;
import wb.dataset.Split;
import wb.dataset.VerificationReport;
import wb.dataset.WrittenLayout;
import wb.imaging.DecodeResult;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageInfo;
import wb.imaging.ImageOps;
import wb.imaging.Raster;
import wb.imaging.ResizePolicy;
import wb.ui.AppState;
import wb.ui.CoreWork;

/**
 * The Data screen's state: the open dataset as a tree of splits and classes, the summary, the charts'
 * numbers, the problem list, the filtered image list behind the thumbnail grid and the selected image's
 * preview, plus the commands that write new datasets (split, sample, import). Never touches a node;
 * {@code fx} runs results on the UI thread (inline in tests).
 */
public final class DataViewModel {

    /** The longest side of the preview image; larger files are shrunk off the UI thread. */
    static final int PREVIEW_MAX = 640;
    /** Class names listed in the summary before "and N more". */
    private static final int SUMMARY_CLASSES = 12;

    /** One image of the grid and the split it belongs to. */
    public record GridEntry(ImageItem item, Split split) {
        public Path path() { return item.path(); }
        public String label() { return item.label(); }
    }

    /** What the grid shows: everything, one split, one class of a split, or a split's unlabelled images. */
    public record Filter(Split split, String label, boolean unlabelled) {
        public static final Filter ALL = new Filter(null, null, false);

        public static Filter split(Split split) { return new Filter(split, null, false); }
        public static Filter label(Split split, String label) { return new Filter(split, label, false); }
        public static Filter unlabelled(Split split) { return new Filter(split, null, true); }

        boolean matches(GridEntry e) {
            if (split != null && e.split() != split) return false;
            if (unlabelled) return e.label() == null;
            return label == null || label.equals(e.label());
        }
    }

    /** A class under a split in the tree; {@code usable} is -1 until the images are checked. */
    public record ClassNode(String name, int count, int usable) { }

    /** A split in the tree with its classes (only those with images) and its unlabelled images. */
    public record SplitNode(Split split, int count, List<ClassNode> classes, int unlabelled) {
        public SplitNode { classes = List.copyOf(classes); }
    }

    /** The dataset as a tree: name, total and the non-empty splits in order. */
    public record DatasetTree(String name, int total, List<SplitNode> splits) {
        public DatasetTree { splits = List.copyOf(splits); }
    }

    public enum Severity { INFO, OK, WARNING, ERROR }

    /** One line of the summary: a label, its value and how it should be flagged. */
    public record SummaryRow(String label, String value, Severity severity) { }

    /** A file the dataset cannot use: skipped by the scan, or unreadable when decoded. */
    public record ProblemRow(Path path, String reason, String kind) { }

    /** The selected image for the preview pane: a display-sized raster and its info, or why it failed. */
    public record Preview(GridEntry entry, Raster raster, ImageInfo info, String error) {
        public boolean ok() { return error == null; }
    }

    /** Options of a stratified train/valid(/test) split of a single folder. */
    public record SplitRequest(Path out, double validFraction, double testFraction, long seed) {
        public SplitRequest {
            Objects.requireNonNull(out, "out");
            if (!(validFraction > 0 && validFraction < 1)) throw new IllegalArgumentException("validation fraction must be between 0 and 1");
            if (!(testFraction >= 0 && validFraction + testFraction < 1)) throw new IllegalArgumentException("validation + test must be below 1");
        }
    }

    /** Options of a fast.ai-style sample subset. */
    public record SampleRequest(Path out, int trainTotal, int validTotal, long seed) {
        public SampleRequest {
            Objects.requireNonNull(out, "out");
            if (trainTotal < 1 || validTotal < 0) throw new IllegalArgumentException("choose at least 1 training image");
        }
    }

    /** The four IDX files of MNIST or Fashion-MNIST (the test pair may be null). */
    public record IdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) { }

    /** What to import from IDX files. */
    public record IdxRequest(IdxFiles files, List<String> classes, Path out, ImportOptions options) { }

    /** The CIFAR-10 binary batches found in a folder. */
    public record CifarFiles(List<Path> trainBatches, Path testBatch) {
        public CifarFiles { trainBatches = List.copyOf(trainBatches); }
    }

    /** What to import from CIFAR-10 batches. */
    public record CifarRequest(CifarFiles files, Path out, ImportOptions options) { }

    private final AppState state;
    private final ObservableBooleanValue verifyingSource;
    private final Executor background;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ReadOnlyObjectWrapper<VerificationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<DatasetTree> tree = new ReadOnlyObjectWrapper<>(this, "tree");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper location = new ReadOnlyStringWrapper(this, "location", "");
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Map<Split, Map<String, Integer>>> classBalance = new ReadOnlyObjectWrapper<>(this, "classBalance", Map.of());
    private final ReadOnlyObjectWrapper<SortedMap<String, Integer>> sizeHistogram = new ReadOnlyObjectWrapper<>(this, "sizeHistogram", Collections.emptySortedMap());
    private final ObservableList<ProblemRow> problems = FXCollections.observableArrayList();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(this, "filter", Filter.ALL);
    private final ObservableList<GridEntry> visible = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper filterCaption = new ReadOnlyStringWrapper(this, "filterCaption", "");
    private final ObjectProperty<GridEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyBooleanWrapper verifying = new ReadOnlyBooleanWrapper(this, "verifying");
    private final ReadOnlyBooleanWrapper trainable = new ReadOnlyBooleanWrapper(this, "trainable");
    private final ReadOnlyStringWrapper trainableReason = new ReadOnlyStringWrapper(this, "trainableReason", "");
    private final ReadOnlyBooleanWrapper canSplit = new ReadOnlyBooleanWrapper(this, "canSplit");
    private final ReadOnlyBooleanWrapper canSample = new ReadOnlyBooleanWrapper(this, "canSample");

    // Read-only views, created once: a view holds only a weak listener on its list, so a view made per
    // call could be collected together with the listeners a caller added to it.
    private final ObservableList<SummaryRow> summaryView = FXCollections.unmodifiableObservableList(summary);
    private final ObservableList<ProblemRow> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<GridEntry> visibleView = FXCollections.unmodifiableObservableList(visible);

    private List<GridEntry> all = List.of();
    private final AtomicLong previewGeneration = new AtomicLong();

    /**
     * @param verifying  true while the open dataset's images are being checked
     * @param background where previews are decoded
     * @param fx         runs results on the UI thread
     */
    public DataViewModel(AppState state, ObservableBooleanValue verifying, Executor background, Executor fx) {
        this.state = state;
        this.verifyingSource = verifying;
        this.background = background;
        this.fx = fx;
        state.datasetProperty().addListener((obs, old, now) -> refresh());
        state.verificationProperty().addListener((obs, old, now) -> refresh());
        verifying.addListener((obs, old, now) -> refresh());
        filter.addListener((obs, old, now) -> applyFilter());
        selected.addListener((obs, old, now) -> loadPreview(now));
        refresh();
    }

    // ---- state -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    /** The verification of the open dataset; null while checking (never a stale report of another dataset). */
    public ReadOnlyObjectProperty<VerificationReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<DatasetTree> treeProperty() { return tree.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty locationProperty() { return location.getReadOnlyProperty(); }
    public ObservableList<SummaryRow> summary() { return summaryView; }
    /** Usable (or, before checking, scanned) images per class for each split that has labelled images. */
    public ReadOnlyObjectProperty<Map<Split, Map<String, Integer>>> classBalanceProperty() { return classBalance.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SortedMap<String, Integer>> sizeHistogramProperty() { return sizeHistogram.getReadOnlyProperty(); }
    public ObservableList<ProblemRow> problems() { return problemsView; }
    public ObjectProperty<Filter> filterProperty() { return filter; }
    /** The images that pass the filter, in split then path order. */
    public ObservableList<GridEntry> visibleEntries() { return visibleView; }
    public ReadOnlyStringProperty filterCaptionProperty() { return filterCaption.getReadOnlyProperty(); }
    public ObjectProperty<GridEntry> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<Preview> previewProperty() { return preview.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty verifyingProperty() { return verifying.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty trainableProperty() { return trainable.getReadOnlyProperty(); }
    public ReadOnlyStringProperty trainableReasonProperty() { return trainableReason.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canSplitProperty() { return canSplit.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canSampleProperty() { return canSample.getReadOnlyProperty(); }

    public Dataset dataset() { return dataset.get(); }

    /** Selects the grid entry at {@code index} of the visible list (ignored when out of range). */
    public void select(int index) {
        if (index >= 0 && index < visible.size()) selected.set(visible.get(index));
    }

    // ---- recomputation -----------------------------------------------------------------------------

    private void refresh() {
        Dataset d = state.dataset();
        VerificationReport r = state.verification();
        if (r != null && r.dataset() != d) r = null; // the dataset is set before its report: never mix two datasets
        boolean datasetChanged = d != dataset.get();
        dataset.set(d);
        report.set(r);
        verifying.set(d != null && r == null && verifyingSource.get());
        if (datasetChanged) {
            all = entries(d);
            selected.set(null);
            if (filter.get().equals(Filter.ALL)) applyFilter();
            else filter.set(Filter.ALL);
        }
        Dataset trainSet = r != null ? r.usable() : d; // what training would get: the bad files left out
        DatasetTree newTree = d == null ? null : buildTree(d, r);
        if (!Objects.equals(newTree, tree.get())) tree.set(newTree); // unchanged: keep the tree's nodes and selection
        title.set(d == null ? "" : name(d.root()));
        location.set(d == null ? "" : d.root().toAbsolutePath().toString());
        summary.setAll(d == null ? List.of() : buildSummary(d, r, trainSet, verifying.get()));
        classBalance.set(d == null ? Map.of() : balance(d, r));
        sizeHistogram.set(r == null ? Collections.emptySortedMap() : r.sizeHistogram());
        problems.setAll(d == null ? List.of() : problemRows(d, r));
        String reason = "";
        boolean ok = false;
        if (trainSet != null) {
            try {
                DatasetDoctor.requireTrainable(trainSet);
                ok = true;
            } catch (UserException e) {
                reason = e.getMessage();
            }
        }
        trainable.set(ok);
        trainableReason.set(reason);
        boolean labelledTrain = d != null && d.items(Split.TRAIN).stream().anyMatch(ImageItem::labelled);
        canSplit.set(labelledTrain && d.items(Split.VALID).isEmpty());
        canSample.set(labelledTrain);
    }

    private void applyFilter() {
        Filter f = filter.get() == null ? Filter.ALL : filter.get();
        List<GridEntry> list = new ArrayList<>();
        for (GridEntry e : all) if (f.matches(e)) list.add(e);
        visible.setAll(list);
        filterCaption.set(dataset.get() == null ? "" : caption(f, list.size()));
        if (selected.get() != null && !f.matches(selected.get())) selected.set(null);
    }

    static String caption(Filter f, int n) {
        String what;
        if (f.split() == null) what = "All images";
        else if (f.unlabelled()) what = splitName(f.split()) + " · unlabelled";
        else if (f.label() != null) what = splitName(f.split()) + " · " + f.label();
        else what = splitName(f.split());
        return what + " — " + count(n) + (n == 1 ? " image" : " images");
    }

    private static List<GridEntry> entries(Dataset d) {
        if (d == null) return List.of();
        List<GridEntry> list = new ArrayList<>(d.size());
        for (Split s : Split.values()) for (ImageItem item : d.items(s)) list.add(new GridEntry(item, s));
        return List.copyOf(list);
    }

    static DatasetTree buildTree(Dataset d, VerificationReport r) {
        List<SplitNode> splits = new ArrayList<>();
        for (Split s : Split.values()) {
            List<ImageItem> items = d.items(s);
            if (items.isEmpty()) continue;
            Map<String, Integer> counts = d.countsPerClass(s);
            Map<String, Integer> usable = r == null ? null : r.usableCounts().get(s);
            List<ClassNode> classes = new ArrayList<>();
            counts.forEach((c, n) -> {
                if (n > 0) classes.add(new ClassNode(c, n, usable == null ? -1 : usable.getOrDefault(c, 0)));
            });
            int unlabelled = (int) items.stream().filter(i -> !i.labelled()).count();
            splits.add(new SplitNode(s, items.size(), classes, unlabelled));
        }
        return new DatasetTree(name(d.root()), d.size(), splits);
    }

    static Map<Split, Map<String, Integer>> balance(Dataset d, VerificationReport r) {
        Map<Split, Map<String, Integer>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Map<String, Integer> counts = r != null && r.usableCounts().containsKey(s) ? r.usableCounts().get(s) : d.countsPerClass(s);
            if (counts.values().stream().mapToInt(Integer::intValue).sum() > 0) out.put(s, Collections.unmodifiableMap(new LinkedHashMap<>(counts)));
        }
        return Collections.unmodifiableMap(out);
    }

    static List<SummaryRow> buildSummary(Dataset d, VerificationReport r, Dataset usable, boolean checking) {
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(new SummaryRow("Layout", layoutName(d.layout()), Severity.INFO));
        rows.add(new SummaryRow("Detected", d.detection(), Severity.INFO));
        StringBuilder images = new StringBuilder(count(d.size()));
        List<String> parts = new ArrayList<>();
        for (Split s : Split.values()) if (!d.items(s).isEmpty()) parts.add(splitName(s).toLowerCase(Locale.ROOT) + " " + count(d.items(s).size()));
        if (!parts.isEmpty()) images.append(" (").append(String.join(", ", parts)).append(")");
        rows.add(new SummaryRow("Images", images.toString(), Severity.INFO));
        List<String> classes = d.classes();
        String classText = classes.isEmpty() ? "none (unlabelled)" : classes.size() + ": "
                + String.join(", ", classes.subList(0, Math.min(SUMMARY_CLASSES, classes.size())))
                + (classes.size() > SUMMARY_CLASSES ? " and " + (classes.size() - SUMMARY_CLASSES) + " more" : "");
        rows.add(new SummaryRow("Classes", classText, classes.isEmpty() ? Severity.WARNING : Severity.INFO));
        if (r == null) {
            String pending = checking ? "checking…" : "not checked (reload to check)";
            rows.add(new SummaryRow("Formats", pending, Severity.INFO));
            rows.add(new SummaryRow("Channels", pending, Severity.INFO));
            rows.add(new SummaryRow("Image sizes", pending, Severity.INFO));
        } else {
            List<String> formats = new ArrayList<>();
            r.formats().forEach((f, n) -> formats.add(f + " " + count(n)));
            rows.add(new SummaryRow("Formats", formats.isEmpty() ? "no readable images" : String.join(", ", formats),
                    formats.isEmpty() ? Severity.ERROR : Severity.INFO));
            rows.add(new SummaryRow("Channels", r.channels() == 1 ? "greyscale (1 channel)" : "colour (3 channels, RGB)", Severity.INFO));
            rows.add(new SummaryRow("Image sizes", sizes(r.sizeHistogram()), Severity.INFO));
        }
        Map<String, Integer> trainCounts = r != null ? r.usableCounts().getOrDefault(Split.TRAIN, Map.of()) : d.countsPerClass(Split.TRAIN);
        double ratio = r != null ? r.imbalanceRatio() : imbalance(trainCounts);
        if (!Double.isNaN(ratio)) {
            Severity sev = ratio >= 3 ? Severity.WARNING : Severity.OK;
            String text = String.format(Locale.ROOT, "%.2f : 1", ratio) + (ratio < 1.5 ? " (balanced)"
                    : " (largest / smallest training class" + (ratio >= 3 ? "; consider class weights or more data)" : ")"));
            rows.add(new SummaryRow("Imbalance", text, sev));
        }
        if (r != null) {
            int bad = r.badFiles().size();
            rows.add(new SummaryRow("Unusable files", bad == 0 ? "none, every image decodes" : count(bad) + (bad == 1 ? " file does" : " files do")
                    + " not decode (see Problems)", bad == 0 ? Severity.OK : Severity.ERROR));
            int groups = r.duplicates().size();
            long leaks = r.leakedGroups();
            long conflicts = r.conflictingGroups();
            rows.add(new SummaryRow("Duplicates", groups == 0 ? "none found"
                    : count(groups) + (groups == 1 ? " picture appears" : " pictures appear") + " more than once"
                    + (leaks > 0 ? "; " + count((int) leaks) + " across splits" : "")
                    + (conflicts > 0 ? "; " + count((int) conflicts) + " with different labels" : "") + " (see Problems)",
                    conflicts > 0 ? Severity.ERROR : leaks > 0 ? Severity.WARNING : groups > 0 ? Severity.INFO : Severity.OK));
        }
        int skipped = d.problems().size();
        if (skipped > 0) rows.add(new SummaryRow("Skipped", count(skipped) + (skipped == 1 ? " entry" : " entries") + " skipped by the scan (see Problems)", Severity.WARNING));
        rows.add(new SummaryRow("Ignored junk", d.ignoredJunk() == 0 ? "none" : count(d.ignoredJunk()) + " hidden or system "
                + (d.ignoredJunk() == 1 ? "file" : "files") + " (.DS_Store, Thumbs.db, __MACOSX…)", Severity.INFO));
        if (d.hasSample()) rows.add(new SummaryRow("Sample", "a sample/ subset is present for quick experiments", Severity.INFO));
        try {
            DatasetDoctor.requireTrainable(usable);
            int n = (int) usable.countsPerClass(Split.TRAIN).values().stream().filter(c -> c > 0).count();
            String note = usable.items(Split.VALID).isEmpty() ? "; a validation split will be held out from train" : "";
            rows.add(new SummaryRow("Trainable", "yes, " + n + " classes with training images" + note, Severity.OK));
        } catch (UserException e) {
            rows.add(new SummaryRow("Trainable", "no: " + e.getMessage(), Severity.ERROR));
        }
        return rows;
    }

    private static double imbalance(Map<String, Integer> counts) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int n : counts.values()) {
            if (n == 0) continue;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return max == 0 ? Double.NaN : (double) max / min;
    }

    private static String sizes(SortedMap<String, Integer> histogram) {
        if (histogram.isEmpty()) return "no readable images";
        if (histogram.size() == 1) {
            String only = histogram.firstKey();
            return only.replace('x', '×') + (only.startsWith("longest") ? "" : " (all images)");
        }
        String common = histogram.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        boolean bucketed = histogram.firstKey().startsWith("longest");
        return (bucketed ? "many sizes, mostly " : histogram.size() + " sizes, mostly ") + common.replace('x', '×') + (bucketed ? " px" : "");
    }

    static List<ProblemRow> problemRows(Dataset d, VerificationReport r) {
        List<ProblemRow> rows = new ArrayList<>();
        if (r != null) for (FileProblem p : r.badFiles()) rows.add(new ProblemRow(p.path(), stripPath(p), "Unreadable"));
        for (FileProblem p : d.problems()) rows.add(new ProblemRow(p.path(), p.reason(), "Skipped"));
        if (r != null) rows.addAll(duplicateRows(r));
        return rows;
    }

    /**
     * One row per image of each duplicate group after its first: "Label conflict" when the group's labels differ,
     * "Leak" when it spans splits, else "Duplicate"; the reason names the first image with its split and class.
     */
    static List<ProblemRow> duplicateRows(VerificationReport r) {
        List<ProblemRow> rows = new ArrayList<>();
        for (DuplicateGroup g : r.duplicates()) {
            String kind = g.conflictingLabels() ? "Label conflict" : g.crossesSplits() ? "Leak" : "Duplicate";
            ImageItem first = g.items().get(0);
            String where = g.splits().get(0).name().toLowerCase(Locale.ROOT) + (first.label() == null ? "" : "/" + first.label());
            for (int i = 1; i < g.items().size(); i++) {
                ImageItem it = g.items().get(i);
                String mine = g.splits().get(i).name().toLowerCase(Locale.ROOT) + (it.label() == null ? "" : "/" + it.label());
                rows.add(new ProblemRow(it.path(), (g.kind() == DuplicateGroup.Kind.IDENTICAL ? "Same pixels as " : "Near-identical to ")
                        + first.path().getFileName() + " (" + where + "); this one is in " + mine
                        + (g.conflictingLabels() ? ": the labels disagree, one of them is wrong" : g.crossesSplits()
                        ? ": the evaluation sees a picture the model trained on" : ""), kind));
            }
        }
        return rows;
    }

    /** The decoder's messages start with the path, which the table already shows in its own column. */
    private static String stripPath(FileProblem p) {
        String prefix = p.path() + ": ";
        return p.reason().startsWith(prefix) ? p.reason().substring(prefix.length()) : p.reason();
    }

    static String layoutName(Layout layout) {
        return switch (layout) {
            case CLASS_FOLDERS -> "Class folders (one sub-folder per class)";
            case FASTAI -> "fast.ai (train/ valid/ test/ with class folders)";
            case KAGGLE_FLAT -> "Kaggle flat (labels from file names, e.g. cat.123.jpg)";
            case UNLABELLED -> "Unlabelled (a flat folder of images to predict)";
        };
    }

    public static String splitName(Split s) {
        return switch (s) {
            case TRAIN -> "Train";
            case VALID -> "Valid";
            case TEST -> "Test";
        };
    }

    static String name(Path root) {
        Path n = root.getFileName();
        return n == null ? root.toString() : n.toString();
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.getDefault()).format(n);
    }

    // ---- preview -----------------------------------------------------------------------------------

    private void loadPreview(GridEntry entry) {
        long generation = previewGeneration.incrementAndGet();
        if (entry == null) {
            preview.set(null);
            return;
        }
        background.execute(() -> {
            if (previewGeneration.get() != generation) return; // another image was selected meanwhile
            Preview p = decodePreview(entry);
            fx.execute(() -> {
                if (previewGeneration.get() == generation) preview.set(p);
            });
        });
    }

    static Preview decodePreview(GridEntry entry) {
        try {
            DecodeResult result = ImageDecoder.decode(entry.path(), 0);
            if (result instanceof DecodeResult.Ok ok) {
                Raster r = ok.raster();
                int longest = Math.max(r.width(), r.height());
                if (longest > PREVIEW_MAX) {
                    double s = (double) PREVIEW_MAX / longest;
                    r = ImageOps.resize(r, Math.max(1, (int) Math.round(r.width() * s)), Math.max(1, (int) Math.round(r.height() * s)), ResizePolicy.SQUASH);
                }
                return new Preview(entry, r, ok.info(), null);
            }
            DecodeResult.Failed failed = (DecodeResult.Failed) result;
            String detail = failed.detail() == null || failed.detail().isBlank() ? "" : " (" + failed.detail() + ")";
            return new Preview(entry, null, null, failed.reason().text() + detail);
        } catch (RuntimeException e) {
            return new Preview(entry, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    // ---- commands ----------------------------------------------------------------------------------

    /** Where a split of the open dataset is suggested: a new sibling folder named {@code <name>-split}. */
    public Path suggestedSplitFolder() {
        Path root = dataset.get().root().toAbsolutePath();
        return unused(root.resolveSibling(name(root) + "-split"));
    }

    /**
     * Where a sample is suggested: {@code <root>/sample} (fast.ai's convention) when the root has a
     * {@code train/} folder and no sample yet; otherwise a new sibling folder. In a class-folder dataset a
     * {@code sample/} folder would be scanned as one more class.
     */
    public Path suggestedSampleFolder() {
        Path root = dataset.get().root().toAbsolutePath();
        Path inside = root.resolve("sample");
        boolean splitLayout = Files.isDirectory(root.resolve("train"));
        return splitLayout && !Files.exists(inside) ? inside : unused(root.resolveSibling(name(root) + "-sample"));
    }

    /** The number of labelled training and validation images, the upper bounds of a sample's sizes. */
    public int labelledCount(Split split) {
        Dataset d = dataset.get();
        return d == null ? 0 : (int) d.items(split).stream().filter(ImageItem::labelled).count();
    }

    /** Splits the open dataset's labelled training images into a new fast.ai folder. */
    public CoreWork<WrittenLayout> splitWork(SplitRequest request) {
        Dataset d = requireDataset();
        return (progress, cancel) -> {
            progress.update("Writing train/valid" + (request.testFraction() > 0 ? "/test" : "") + " folders", 0, -1);
            return DatasetWriter.writeSplit(d, request.out(), request.validFraction(), request.testFraction(), request.seed());
        };
    }

    /** Writes a stratified sample subset of the open dataset. */
    public CoreWork<WrittenLayout> sampleWork(SampleRequest request) {
        Dataset d = requireDataset();
        return (progress, cancel) -> {
            progress.update("Writing sample folders", 0, -1);
            return DatasetWriter.writeSample(d, request.out(), request.trainTotal(), request.validTotal(), request.seed());
        };
    }

    public static CoreWork<ImportResult> idxWork(IdxRequest r) {
        return (progress, cancel) -> IdxImporter.importIdx(r.files().trainImages(), r.files().trainLabels(),
                r.files().testImages(), r.files().testLabels(), r.classes(), r.out(), r.options(), progress, cancel);
    }

    public static CoreWork<ImportResult> cifarWork(CifarRequest r) {
        return (progress, cancel) -> CifarImporter.importBatches(r.files().trainBatches(), r.files().testBatch(), r.out(), r.options(), progress, cancel);
    }

    private Dataset requireDataset() {
        Dataset d = dataset.get();
        if (d == null) throw new IllegalStateException("no dataset is open");
        return d;
    }

    private static final Pattern TRAIN_IMAGES = Pattern.compile("train-images[-.]idx3-ubyte(\\.gz)?");
    private static final Pattern TRAIN_LABELS = Pattern.compile("train-labels[-.]idx1-ubyte(\\.gz)?");
    private static final Pattern TEST_IMAGES = Pattern.compile("t10k-images[-.]idx3-ubyte(\\.gz)?");
    private static final Pattern TEST_LABELS = Pattern.compile("t10k-labels[-.]idx1-ubyte(\\.gz)?");

    /** Finds the standard MNIST file names in {@code folder}; missing ones are null. */
    public static IdxFiles findIdx(Path folder) {
        Map<Pattern, Path> found = new LinkedHashMap<>();
        for (Path p : list(folder)) {
            String n = p.getFileName().toString();
            for (Pattern pat : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
                if (pat.matcher(n).matches() && !found.containsKey(pat)) found.put(pat, p);
            }
        }
        return new IdxFiles(found.get(TRAIN_IMAGES), found.get(TRAIN_LABELS), found.get(TEST_IMAGES), found.get(TEST_LABELS));
    }

    /** The class names an IDX folder most likely holds: Fashion-MNIST when its name says so, else digits. */
    public static List<String> guessIdxClasses(Path folder) {
        String n = folder == null ? "" : folder.toString().toLowerCase(Locale.ROOT);
        return n.contains("fashion") ? IdxImporter.FASHION_MNIST_CLASSES : IdxImporter.MNIST_CLASSES;
    }

    /** Finds {@code data_batch_*.bin} (sorted) and {@code test_batch.bin} in {@code folder}. */
    public static CifarFiles findCifar(Path folder) {
        TreeMap<String, Path> batches = new TreeMap<>();
        Path test = null;
        for (Path p : list(folder)) {
            String n = p.getFileName().toString();
            if (n.matches("data_batch_\\d+\\.bin")) batches.put(n, p);
            else if (n.equals("test_batch.bin")) test = p;
        }
        return new CifarFiles(new ArrayList<>(batches.values()), test);
    }

    private static List<Path> list(Path folder) {
        List<Path> out = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) return out;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) if (Files.isRegularFile(p)) out.add(p);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** {@code p}, or {@code p-2}, {@code p-3}... whichever does not exist yet. */
    static Path unused(Path p) {
        if (!Files.exists(p)) return p;
        for (int k = 2; ; k++) {
            Path q = p.resolveSibling(p.getFileName() + "-" + k);
            if (!Files.exists(q)) return q;
        }
    }
}
