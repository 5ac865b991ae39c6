package wb.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javafx.beans.property.SimpleBooleanProperty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.Split;
import wb.dataset.VerificationReport;
import wb.dataset.WrittenLayout;
import wb.ui.AppState;
import wb.ui.UiFixtures;
import wb.ui.data.DataViewModel.Filter;
import wb.ui.data.DataViewModel.GridEntry;
import wb.ui.data.DataViewModel.Severity;
import wb.ui.data.DataViewModel.SplitNode;
import wb.ui.data.DataViewModel.SummaryRow;

/** The Data screen's logic, without a JavaFX toolkit: background and UI work run inline. */
class DataViewModelTest {

    @TempDir Path dir;
    private AppState state;
    private final SimpleBooleanProperty verifying = new SimpleBooleanProperty();
    private DataViewModel vm;
    private Path root;
    private Dataset dataset;
    private VerificationReport report;

    @BeforeEach
    void setUp() {
        root = UiFixtures.catsAndDogs(dir.resolve("pets"));
        dataset = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        report = DatasetDoctor.verify(dataset, 0, Progress.NONE, Cancellation.NEVER);
        state = new AppState(dir.resolve("runs"));
        vm = new DataViewModel(state, verifying, Runnable::run, Runnable::run);
    }

    @AfterEach
    void tearDown() {
        state.background().shutdownNow();
    }

    @Test
    void emptyUntilADatasetIsOpen() {
        assertNull(vm.treeProperty().get());
        assertTrue(vm.visibleEntries().isEmpty());
        assertTrue(vm.summary().isEmpty());
        assertFalse(vm.canSplitProperty().get());
    }

    @Test
    void theScanAloneGivesTreeCountsAndSummaryWhileImagesAreChecked() {
        verifying.set(true);
        state.setDataset(root, dataset, null);

        SplitNode train = vm.treeProperty().get().splits().get(0);
        assertEquals(1, vm.treeProperty().get().splits().size(), "class folders are all training data");
        assertEquals(Split.TRAIN, train.split());
        assertEquals(6, train.count());
        assertEquals(List.of("cat", "dog"), train.classes().stream().map(DataViewModel.ClassNode::name).toList());
        assertEquals(List.of(3, 3), train.classes().stream().map(DataViewModel.ClassNode::count).toList());
        assertEquals(-1, train.classes().get(1).usable(), "not known before verification");

        assertEquals(6, vm.visibleEntries().size());
        assertTrue(vm.verifyingProperty().get());
        assertEquals("checking…", row("Formats").value());
        assertTrue(row("Layout").value().startsWith("Class folders"));
        assertEquals(Map.of("cat", 3, "dog", 3), vm.classBalanceProperty().get().get(Split.TRAIN));
        assertTrue(vm.canSplitProperty().get(), "a single folder without valid/ can be split");
        assertEquals(1, vm.problems().size(), "the scan skipped notes.txt");
        assertEquals("Skipped", vm.problems().get(0).kind());
    }

    @Test
    void verificationAddsUsableCountsProblemsAndStatistics() {
        state.setDataset(root, dataset, null);
        state.setDataset(root, dataset, report);

        SplitNode train = vm.treeProperty().get().splits().get(0);
        assertEquals(2, train.classes().get(1).usable(), "dog has one corrupt file");
        assertEquals(Map.of("cat", 3, "dog", 2), vm.classBalanceProperty().get().get(Split.TRAIN));
        assertEquals(Map.of("32x24", 5), vm.sizeHistogramProperty().get());

        assertEquals(2, vm.problems().size());
        DataViewModel.ProblemRow bad = vm.problems().get(0);
        assertEquals("Unreadable", bad.kind());
        assertEquals(root.resolve("dog").resolve("broken.png"), bad.path());
        assertFalse(bad.reason().startsWith(bad.path().toString()), "the path is not repeated in the reason");

        assertEquals(Severity.ERROR, row("Unusable files").severity());
        assertEquals("PNG 5", row("Formats").value());
        assertEquals("greyscale (1 channel)", row("Channels").value());
        assertEquals(Severity.OK, row("Trainable").severity());
        assertTrue(vm.trainableProperty().get());
        assertEquals("1.50 : 1 (largest / smallest training class)", row("Imbalance").value());
    }

    @Test
    void aReportOfAnotherDatasetIsNeverShown() throws IOException {
        Path other = UiFixtures.catsAndDogs(dir.resolve("other"));
        Files.delete(other.resolve("dog").resolve("broken.png"));
        Dataset second = DatasetScanner.scan(other, Progress.NONE, Cancellation.NEVER);
        // AppState sets the dataset before its verification: listeners must not pair it with the old report.
        state.setDataset(root, dataset, report);
        state.setDataset(other, second, report);
        assertNull(vm.reportProperty().get());
        assertEquals(5, vm.visibleEntries().size());
    }

    @Test
    void selectingATreeNodeFiltersTheGrid() {
        state.setDataset(root, dataset, report);
        vm.filterProperty().set(Filter.label(Split.TRAIN, "dog"));
        assertEquals(3, vm.visibleEntries().size());
        assertTrue(vm.visibleEntries().stream().allMatch(e -> "dog".equals(e.label())));
        assertEquals("Train · dog — 3 images", vm.filterCaptionProperty().get());

        vm.filterProperty().set(Filter.split(Split.VALID));
        assertTrue(vm.visibleEntries().isEmpty());

        vm.filterProperty().set(Filter.ALL);
        assertEquals(6, vm.visibleEntries().size());
        assertEquals("All images — 6 images", vm.filterCaptionProperty().get());
    }

    @Test
    void aSelectionOutsideTheFilterIsCleared() {
        state.setDataset(root, dataset, report);
        vm.select(0);
        assertEquals("cat", vm.selectedProperty().get().label());
        vm.filterProperty().set(Filter.label(Split.TRAIN, "dog"));
        assertNull(vm.selectedProperty().get());
    }

    @Test
    void previewDecodesTheSelectedImageOrSaysWhyItCannot() {
        state.setDataset(root, dataset, report);
        vm.select(0);
        DataViewModel.Preview ok = vm.previewProperty().get();
        assertNotNull(ok);
        assertTrue(ok.ok());
        assertEquals(32, ok.raster().width());
        assertEquals("PNG", ok.info().format());

        GridEntry broken = vm.visibleEntries().stream().filter(e -> e.path().endsWith("broken.png")).findFirst().orElseThrow();
        vm.selectedProperty().set(broken);
        assertFalse(vm.previewProperty().get().ok());
        assertNotNull(vm.previewProperty().get().error());
    }

    @Test
    void splitWritesAStratifiedFastaiFolderNextToTheDataset() throws Exception {
        state.setDataset(root, dataset, report);
        Path out = vm.suggestedSplitFolder();
        assertEquals(root.toAbsolutePath().resolveSibling("pets-split"), out);
        WrittenLayout layout = vm.splitWork(new DataViewModel.SplitRequest(out, 0.34, 0, 7)).run(Progress.NONE, Cancellation.NEVER);
        assertEquals(6, layout.counts().values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(Files.isDirectory(out.resolve("train").resolve("cat")));
        assertTrue(Files.isDirectory(out.resolve("valid")));
        assertEquals(out.resolveSibling("pets-split-2"), vm.suggestedSplitFolder(), "the next suggestion does not collide");
    }

    @Test
    void aSampleOfAClassFolderDatasetGoesNextToItNotIntoIt() {
        // Inside, a sample/ folder would be scanned as one more class of the dataset.
        state.setDataset(root, dataset, report);
        assertEquals(root.toAbsolutePath().resolveSibling("pets-sample"), vm.suggestedSampleFolder());
    }

    @Test
    void findsTheStandardMnistAndCifarFileNames() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("fashion-mnist"));
        for (String n : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "README")) {
            Files.writeString(mnist.resolve(n), "x");
        }
        DataViewModel.IdxFiles idx = DataViewModel.findIdx(mnist);
        assertEquals(mnist.resolve("train-images-idx3-ubyte.gz"), idx.trainImages());
        assertEquals(mnist.resolve("t10k-labels-idx1-ubyte.gz"), idx.testLabels());
        assertEquals(wb.dataset.IdxImporter.FASHION_MNIST_CLASSES, DataViewModel.guessIdxClasses(mnist));

        Path cifar = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (String n : List.of("data_batch_2.bin", "data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) Files.writeString(cifar.resolve(n), "x");
        DataViewModel.CifarFiles c = DataViewModel.findCifar(cifar);
        assertEquals(List.of(cifar.resolve("data_batch_1.bin"), cifar.resolve("data_batch_2.bin")), c.trainBatches());
        assertEquals(cifar.resolve("test_batch.bin"), c.testBatch());
    }

    private SummaryRow row(String label) {
        return vm.summary().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary row " + label + " in " + vm.summary()));
    }

    @Test
    void duplicatesAreProblemsNamedByWhatTheyCost(@TempDir Path tmp) throws IOException {
        Path root = UiFixtures.catsAndDogs(tmp.resolve("pets"));
        // The same picture filed under dog as well: a label conflict.
        Files.copy(root.resolve("cat").resolve("cat0.png"), root.resolve("dog").resolve("dog-or-cat.png"));
        Dataset d = DatasetScanner.scan(root, Progress.NONE, Cancellation.NEVER);
        VerificationReport r = DatasetDoctor.verify(d, 0, Progress.NONE, Cancellation.NEVER);
        List<DataViewModel.ProblemRow> rows = DataViewModel.duplicateRows(r);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("Label conflict", rows.get(0).kind());
        assertEquals(root.resolve("dog").resolve("dog-or-cat.png"), rows.get(0).path());
        assertTrue(rows.get(0).reason().startsWith("Same pixels as cat0.png (train/cat); this one is in train/dog"), rows.get(0).reason());
        assertTrue(DataViewModel.problemRows(d, r).containsAll(rows), "listed with the other problems");
    }
}
