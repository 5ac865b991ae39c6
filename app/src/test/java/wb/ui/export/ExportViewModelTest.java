package wb.ui.export;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.evaluate.Predictions;
import wb.ui.AppState;
import wb.ui.support.Background;

/** The Kaggle panel's options, preview and validation on hand-made predictions, without a toolkit or a model. */
class ExportViewModelTest {

    @TempDir Path tmp;

    static Predictions test() {
        return new Predictions(List.of("cat", "dog"), List.of(Path.of("t", "10.jpg"), Path.of("t", "2.jpg"), Path.of("t", "1.jpg")),
                new int[] {-1, -1, -1}, new float[][] {{0.99f, 0.01f}, {0.3f, 0.7f}, {0.6f, 0.4f}});
    }

    ExportViewModel vm() {
        ExportViewModel vm = new ExportViewModel(new AppState(tmp.resolve("runs")), Background.inline());
        vm.usePredictions(test());
        return vm;
    }

    @Test
    void previewShowsTheFirstRowsSortedByNumericId() {
        ExportViewModel vm = vm();
        assertEquals(List.of("id", "label"), vm.previewHeader());
        assertEquals(List.of(List.of("1", "cat"), List.of("2", "dog"), List.of("10", "cat")), vm.previewRows());
        assertEquals(3, vm.totalRowsProperty().get());
        assertEquals("success", vm.validationKindProperty().get());
        assertTrue(vm.canWriteProperty().get());

        vm.probabilitiesProperty().set(true);
        assertEquals(List.of("id", "cat", "dog"), vm.previewHeader());
        assertEquals(List.of("10", "0.99", "0.01"), vm.previewRows().get(2));

        vm.clipProperty().set(true);
        assertEquals(List.of("10", "0.98", "0.02"), vm.previewRows().get(2));
        vm.idColumnProperty().set("image");
        assertEquals("image", vm.previewHeader().get(0));
    }

    @Test
    void invalidClippingIsReportedAndBlocksWriting() {
        ExportViewModel vm = vm();
        vm.clipProperty().set(true);
        vm.clipLowProperty().set("0.9");
        vm.clipHighProperty().set("0.1");
        assertNull(vm.optionsProperty().get());
        assertEquals("error", vm.validationKindProperty().get());
        assertTrue(vm.validationProperty().get().startsWith("Clipping needs 0 <= low < high <= 1"), vm.validationProperty().get());
        assertFalse(vm.canWriteProperty().get());
        vm.clipLowProperty().set("abc");
        assertEquals("Clip low must be a number between 0 and 1, e.g. 0.02", vm.validationProperty().get());
        vm.clipLowProperty().set("0.05");
        vm.clipHighProperty().set("0.95");
        assertTrue(vm.canWriteProperty().get());
    }

    @Test
    void aSampleSubmissionWithOtherIdsIsRejectedWithItsMessage() throws Exception {
        ExportViewModel vm = vm();
        Path sample = tmp.resolve("sample_submission.csv");
        Files.writeString(sample, "id,label\n1,cat\n2,cat\n3,cat\n10,cat\n");
        vm.sampleSubmissionProperty().set(sample);
        assertEquals("error", vm.validationKindProperty().get());
        assertEquals("Test ids do not match sample_submission.csv (nothing written); 1 missing: 3", vm.validationProperty().get());
        assertFalse(vm.canWriteProperty().get());

        Files.writeString(sample, "id,label\n1,0.5\n2,0.5\n10,0.5\n");
        vm.sampleSubmissionProperty().set(null);
        vm.sampleSubmissionProperty().set(sample);
        assertEquals(List.of("id", "label"), vm.previewHeader());
        assertEquals(List.of("2", "0.7"), vm.previewRows().get(1), "a probability label column gets P(second class)");
    }

    @Test
    void writesTheSubmissionAtomically() throws Exception {
        ExportViewModel vm = vm();
        Path csv = tmp.resolve("out").resolve("submission.csv");
        vm.writeSubmission(csv);
        assertEquals("id,label\n1,cat\n2,dog\n10,cat\n", Files.readString(csv));
        assertEquals("success", vm.validationKindProperty().get());
        assertEquals(csv, vm.lastExportProperty().get());
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
