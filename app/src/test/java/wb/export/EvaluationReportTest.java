package wb.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.evaluate.Evaluation;
import wb.evaluate.Predictions;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;
import wb.model.ModelBundle;

class EvaluationReportTest {
    @TempDir Path tmp;

    /** Six images of three classes, one named with a comma and one in Japanese; four right, two wrong. */
    private Predictions predictions(boolean labelled) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path f = tmp.resolve("img" + i + ".png");
            byte[] px = new byte[8 * 8 * 3];
            java.util.Arrays.fill(px, (byte) (i * 40));
            ImageWriter.writePng(new Raster(8, 8, 3, px), f);
            files.add(f);
        }
        int[] truth = labelled ? new int[] {0, 0, 1, 1, 2, 2} : new int[] {-1, -1, -1, -1, -1, -1};
        float[][] p = {
            {0.9f, 0.05f, 0.05f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.1f, 0.6f, 0.3f}, {0.3f, 0.3f, 0.4f}, {0.5f, 0.1f, 0.4f},
        };
        return new Predictions(List.of("cat", "dog, big", "猫"), files, truth, p);
    }

    @Test void writesTheMetricsTheMatrixAndTheFiveViews() throws Exception {
        Evaluation ev = Evaluation.of(predictions(true));
        Path dir = tmp.resolve("report");
        List<String> steps = new ArrayList<>();
        List<Path> written = EvaluationReport.write(ev, Map.of("split", "valid"), dir, 2, 7, (m, d, t) -> steps.add(d + "/" + t),
                Cancellation.NEVER);
        assertEquals(3 + 10, written.size(), "json, two CSV files, five PNG sheets with their CSV lists");
        for (Path f : written) assertTrue(Files.size(f) > 0, f.toString());
        assertEquals("8/8", steps.get(steps.size() - 1));

        JsonNode j = ModelBundle.json().readTree(dir.resolve("evaluation.json").toFile());
        assertEquals("valid", j.get("split").asText());
        assertEquals(6, j.get("images").asInt());
        assertEquals(ev.accuracy(), j.get("accuracy").asDouble(), 1e-12);
        assertEquals(2.0 / 3, j.get("accuracy").asDouble(), 1e-12);
        assertEquals("猫", j.get("perClass").get(2).get("class").asText());

        List<CSVRecord> cm = read(dir.resolve("confusion_matrix.csv"));
        assertEquals(List.of("true\\predicted", "cat", "dog, big", "猫"), cm.get(0).toList(), "a class name with a comma stays one cell");
        assertEquals(List.of("cat", "1", "1", "0"), cm.get(1).toList());
        assertEquals(List.of("猫", "1", "0", "1"), cm.get(3).toList());

        List<CSVRecord> pc = read(dir.resolve("per_class.csv"));
        assertEquals(List.of("class", "precision", "recall", "f1", "support"), pc.get(0).toList());
        assertEquals("dog, big", pc.get(2).get(0));
        assertEquals("0.666667", pc.get(2).get(1), "dog: two of three predicted dogs are dogs");
        assertEquals("1.000000", pc.get(2).get(2));

        // The most confident correct answers: at most perView (2) per class; cat and 猫 have one right answer, dog two.
        List<CSVRecord> right = read(dir.resolve("most_confident_correct.csv"));
        assertEquals(1 + 4, right.size());
        assertEquals(tmp.resolve("img0.png").toString(), right.get(1).get(0));
    }

    @Test void anUnlabelledEvaluationHasViewsButNoMetricFiles() throws Exception {
        Evaluation ev = Evaluation.of(predictions(false));
        Path dir = tmp.resolve("unlabelled");
        List<Path> written = EvaluationReport.write(ev, Map.of("split", "test"), dir, 4, 42, (m, d, t) -> { }, Cancellation.NEVER);
        assertEquals(1 + 10, written.size());
        assertFalse(Files.exists(dir.resolve("confusion_matrix.csv")));
        JsonNode j = ModelBundle.json().readTree(dir.resolve("evaluation.json").toFile());
        assertEquals(0, j.get("images").asInt());
        assertEquals(6, j.get("unlabelledImages").asInt());
        assertFalse(j.has("accuracy"), "no labels, no accuracy (not NaN)");
        assertEquals(1 + 6, read(dir.resolve("most_uncertain.csv")).size());
    }

    @Test void aCancelledReportKeepsWhatItWroteWhole() throws Exception {
        Evaluation ev = Evaluation.of(predictions(true));
        Path dir = tmp.resolve("cancelled");
        Cancellation cancel = new Cancellation();
        assertThrows(CancelledException.class, () -> EvaluationReport.write(ev, Map.of(), dir, 2, 1, (m, d, t) -> {
            if (d == 0) cancel.cancel();
        }, cancel));
        assertTrue(Files.size(dir.resolve("evaluation.json")) > 0);
        assertFalse(Files.exists(dir.resolve("confusion_matrix.csv")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("evaluation.json")), files.toList(), "no temporary files left behind");
        }
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.parse(r).getRecords();
        }
    }
}
