package wb.ui.results;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import wb.dataset.Dataset;
import wb.dataset.ImageItem;
import wb.dataset.Layout;
import wb.dataset.Split;
import wb.dataset.Splitter;
import wb.evaluate.ConfusionMatrix;
import wb.evaluate.Evaluation;
import wb.evaluate.PredictionView;
import wb.evaluate.Predictions;
import wb.evaluate.ViewItem;
import wb.model.ModelCard;
import wb.ui.AppState;
import wb.ui.results.ResultsViewModel.EvalSplit;
import wb.ui.support.Background;

/** The Results screen's logic on hand-made predictions, without a toolkit or a model. */
class ResultsViewModelTest {

    static final List<String> CLASSES = List.of("cat", "dog", "fox");

    /** Nine images: cats 2/3 right (one called dog), dogs all right, foxes 1/3 right (one dog, one cat). */
    static Evaluation evaluation() {
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        float[][] p = {
                {0.9f, 0.05f, 0.05f}, {0.6f, 0.3f, 0.1f}, {0.2f, 0.7f, 0.1f},
                {0.1f, 0.8f, 0.1f}, {0.05f, 0.9f, 0.05f}, {0.3f, 0.4f, 0.3f},
                {0.1f, 0.2f, 0.7f}, {0.1f, 0.6f, 0.3f}, {0.5f, 0.1f, 0.4f}};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) files.add(Path.of("img", CLASSES.get(truth[i]) + i + ".png"));
        return Evaluation.of(new Predictions(CLASSES, files, truth, p));
    }

    @Test
    void showsTheMetricsOfTheSharedEvaluation() {
        AppState state = new AppState(Path.of("runs"));
        ResultsViewModel vm = new ResultsViewModel(state, Background.inline());
        assertEquals("—", vm.accuracyTextProperty().get());
        assertFalse(vm.canEvaluateProperty().get());
        assertEquals("Train a model on the Train screen, or load one on the Export screen.", vm.evaluateHintProperty().get());

        state.evaluationProperty().set(evaluation());
        assertEquals("66.7%", vm.accuracyTextProperty().get());
        assertEquals("66.7%", vm.rank1TextProperty().get());
        assertEquals("100.0%", vm.rank5TextProperty().get());
        assertEquals("9", vm.countTextProperty().get());
        assertEquals(3, vm.perClass().size());
        assertEquals("fox", vm.perClass().get(2).name());
        assertEquals(1.0 / 3, vm.perClass().get(2).recall(), 1e-9);
        assertEquals(CLASSES, vm.classes());
        assertNotNull(vm.confusionProperty().get());

        state.evaluationProperty().set(null);
        assertEquals("—", vm.accuracyTextProperty().get());
        assertTrue(vm.perClass().isEmpty());
        assertNull(vm.confusionProperty().get());
    }

    @Test
    void aConfusionCellShowsExactlyItsImages() {
        AppState state = new AppState(Path.of("runs"));
        ResultsViewModel vm = new ResultsViewModel(state, Background.inline());
        Evaluation ev = evaluation();
        state.evaluationProperty().set(ev);

        vm.selectCell(2, 1); // foxes called dogs
        ConfusionMatrix cm = ev.confusion();
        int[] expected = cm.cellIndices(2, 1);
        assertEquals(expected.length, vm.cellItems().size());
        for (int i = 0; i < expected.length; i++) {
            ViewItem item = vm.cellItems().get(i);
            assertEquals(expected[i], item.index());
            assertEquals("fox", item.trueLabel());
            assertEquals("dog", item.predictedLabel());
            assertEquals(ev.predictions().files().get(expected[i]), item.file());
        }
        assertEquals(new ResultsViewModel.Cell(2, 1), vm.selectedCellProperty().get());
        assertEquals("True “fox”, predicted “dog”: 1 image (33.3% of “fox”)", vm.cellTitleProperty().get());

        vm.selectCell(1, 1);
        assertEquals(3, vm.cellItems().size());
        assertTrue(vm.cellTitleProperty().get().startsWith("“dog” predicted correctly: 3 images"));
        vm.selectCell(0, 2);
        assertTrue(vm.cellItems().isEmpty());
        vm.selectCell(5, 0);
        assertEquals(new ResultsViewModel.Cell(0, 2), vm.selectedCellProperty().get(), "a click outside the matrix changes nothing");

        double[][] norm = ResultsViewModel.rowNormalised(cm);
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, norm[0], 1e-9);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, norm[2], 1e-9);
    }

    @Test
    void theFiveViewsFollowViewClassAndCount() {
        AppState state = new AppState(Path.of("runs"));
        ResultsViewModel vm = new ResultsViewModel(state, Background.inline());
        state.evaluationProperty().set(evaluation());

        vm.viewProperty().set(PredictionView.MOST_CONFIDENT_INCORRECT);
        assertEquals(List.of(2, 7, 8), vm.viewItems().stream().map(ViewItem::index).toList().subList(0, 3).stream().sorted().toList());
        assertEquals(2, vm.viewItems().get(0).index(), "0.7 for dog is the most confident mistake");
        assertEquals("Most confident incorrect: 3 images", vm.viewTitleProperty().get());

        vm.viewClassProperty().set("fox");
        assertEquals(List.of(7, 8), vm.viewItems().stream().map(ViewItem::index).toList());
        assertEquals("Most confident incorrect · true class “fox”: 2 images", vm.viewTitleProperty().get());

        vm.viewClassProperty().set(null);
        vm.viewProperty().set(PredictionView.MOST_CONFIDENT_CORRECT);
        vm.viewCountProperty().set(2);
        assertEquals(List.of(0, 4), vm.viewItems().stream().map(ViewItem::index).toList());

        vm.viewProperty().set(PredictionView.RANDOM_CORRECT);
        vm.viewCountProperty().set(6);
        List<Integer> first = vm.viewItems().stream().map(ViewItem::index).sorted().toList();
        vm.reshuffle();
        assertEquals(first, vm.viewItems().stream().map(ViewItem::index).sorted().toList(), "all six correct items, in another order");
    }

    @Test
    void validationWithoutAValidFolderIsTheHoldOutTrainingUsed() {
        List<ImageItem> train = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            train.add(new ImageItem(Path.of("d", "cat", i + ".png"), "cat"));
            train.add(new ImageItem(Path.of("d", "dog", i + ".png"), "dog"));
        }
        Dataset ds = new Dataset(Path.of("d"), Layout.CLASS_FOLDERS, "class folders", List.of("cat", "dog"), Map.of(Split.TRAIN, train), false, List.of(), 0);
        ModelCard card = new ModelCard(1, "lenet", "LeNet", List.of("cat", "dog"), 1, 28, 28, "SQUASH", new float[] {0.5f}, new float[] {0.2f},
                Map.of("validFraction", 0.3), Map.of(), Map.of(), "d", "CLASS_FOLDERS", "sha256:x", Map.of(), 11, 1000, 1, 1, null, Map.of(), "now");

        ResultsViewModel.Source s = ResultsViewModel.source(ds, EvalSplit.VALID, card);
        assertEquals(Split.VALID, s.split());
        assertEquals(Splitter.stratified(train, 0.3, 0, 11).get(Split.VALID), s.dataset().items(Split.VALID));
        assertTrue(s.note().contains("6 training images held out during training (30%, seed 11)"), s.note());
        assertThrows(wb.common.UserException.class, () -> ResultsViewModel.source(ds, EvalSplit.TEST, card));
    }
}
