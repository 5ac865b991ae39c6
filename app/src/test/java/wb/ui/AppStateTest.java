package wb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import wb.evaluate.Evaluation;
import wb.evaluate.Predictions;

class AppStateTest {

    private static Evaluation evaluation() {
        return Evaluation.of(new Predictions(List.of("cat", "dog"), List.of(Path.of("a.png"), Path.of("b.png")), new int[] {0, 1},
                new float[][] {{0.9f, 0.1f}, {0.4f, 0.6f}}));
    }

    @Test void whatAnEvaluationWasOfStaysWithThatEvaluationOnly() {
        AppState state = new AppState(Path.of("runs"));
        assertTrue(state.evaluationAbout().isEmpty());
        Evaluation first = evaluation();
        state.setEvaluation(first, Map.of("split", "valid", "model", "FMNIST-CNN"));
        assertEquals(first, state.evaluationProperty().get());
        assertEquals("valid", state.evaluationAbout().get("split"));

        // Another evaluation set without saying what it was of must not borrow the first one's description.
        state.evaluationProperty().set(evaluation());
        assertTrue(state.evaluationAbout().isEmpty());
        state.setEvaluation(null, Map.of("split", "test"));
        assertTrue(state.evaluationAbout().isEmpty());
    }
}
