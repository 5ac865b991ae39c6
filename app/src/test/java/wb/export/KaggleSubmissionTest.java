package wb.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.common.UserException;
import wb.evaluate.Predictions;

class KaggleSubmissionTest {

    @TempDir Path tmp;

    /** Unlabelled predictions for files 10.jpg, 2.jpg, 1.jpg (deliberately out of order). */
    static Predictions threeClass() {
        return new Predictions(List.of("bird", "cat", "dog"), List.of(Path.of("test/10.jpg"), Path.of("test/2.jpg"), Path.of("test/1.jpg")),
                new int[] {-1, -1, -1}, new float[][] {{0.1f, 0.2f, 0.7f}, {0.8f, 0.15f, 0.05f}, {0.0f, 1.0f, 0.0f}});
    }

    static Predictions catsDogs() {
        return new Predictions(List.of("cats", "dogs"), List.of(Path.of("2.jpg"), Path.of("10.jpg"), Path.of("1.jpg")),
                new int[] {-1, -1, -1}, new float[][] {{0.9f, 0.1f}, {0.005f, 0.995f}, {0.4f, 0.6f}});
    }

    private Path sample(String content) throws Exception {
        return Files.writeString(tmp.resolve("sample_submission.csv"), content);
    }

    private static List<String> ids(List<String[]> rows) {
        List<String> out = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) out.add(r[0]);
        return out;
    }

    @Test
    void labelsSortedByNumericId() {
        List<String[]> rows = KaggleSubmission.rows(threeClass(), SubmissionOptions.labels());
        assertArrayEquals(new String[] {"id", "label"}, rows.get(0));
        assertEquals(List.of("1", "2", "10"), ids(rows));
        assertArrayEquals(new String[] {"1", "cat"}, rows.get(1));
        assertArrayEquals(new String[] {"2", "bird"}, rows.get(2));
        assertArrayEquals(new String[] {"10", "dog"}, rows.get(3));
    }

    @Test
    void probabilityColumnsAreClipped() {
        SubmissionOptions o = new SubmissionOptions(true, 0.02, 0.98, null, "id", null);
        List<String[]> rows = KaggleSubmission.rows(threeClass(), o);
        assertArrayEquals(new String[] {"id", "bird", "cat", "dog"}, rows.get(0));
        assertArrayEquals(new String[] {"1", "0.02", "0.98", "0.02"}, rows.get(1));
        assertArrayEquals(new String[] {"10", "0.1", "0.2", "0.7"}, rows.get(3));
    }

    @Test
    void clippingDoesNotTouchLabelColumns() {
        SubmissionOptions o = new SubmissionOptions(false, 0.02, 0.98, null, null, null);
        assertArrayEquals(new String[] {"1", "cat"}, KaggleSubmission.rows(threeClass(), o).get(1));
    }

    @Test
    void sampleHeaderAndColumnOrderAreCopied() throws Exception {
        Path s = sample("ImageId,dog,bird,cat\n1,0.33,0.33,0.34\n2,0.33,0.33,0.34\n10,0.33,0.33,0.34\n");
        List<String[]> rows = KaggleSubmission.rows(threeClass(), new SubmissionOptions(false, null, null, s, "ImageId", null));
        assertArrayEquals(new String[] {"ImageId", "dog", "bird", "cat"}, rows.get(0));
        assertArrayEquals(new String[] {"2", "0.05", "0.8", "0.15"}, rows.get(2));
    }

    @Test
    void sampleLabelColumnWithNamesOrIndices() throws Exception {
        Path names = sample("id,label\n1,bird\n2,bird\n10,bird\n");
        assertArrayEquals(new String[] {"10", "dog"}, KaggleSubmission.rows(threeClass(), SubmissionOptions.labels().withSample(names)).get(3));
        Path indices = sample("id,label\n1,0\n2,0\n10,0\n");
        assertArrayEquals(new String[] {"10", "2"}, KaggleSubmission.rows(threeClass(), SubmissionOptions.labels().withSample(indices)).get(3));
    }

    @Test
    void binaryProbabilityLabelIsTheSecondClass() throws Exception {
        Path s = sample("id,label\n1,0.5\n2,0.5\n10,0.5\n");
        Path out = tmp.resolve("submission.csv");
        KaggleSubmission.write(out, catsDogs(), new SubmissionOptions(false, 0.02, 0.98, s, null, null));
        assertEquals(List.of("id,label", "1,0.6", "2,0.1", "10,0.98"), Files.readAllLines(out));
    }

    @Test
    void mismatchedIdsAreRefusedWithTheIds() throws Exception {
        Path s = sample("id,label\n1,0.5\n2,0.5\n3,0.5\n4,0.5\n");
        Path out = tmp.resolve("submission.csv");
        UserException e = assertThrows(UserException.class,
                () -> KaggleSubmission.write(out, catsDogs(), SubmissionOptions.labels().withSample(s)));
        assertTrue(e.getMessage().contains("2 missing: 3, 4"), e.getMessage());
        assertTrue(e.getMessage().contains("1 extra: 10"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void idsFromFileNames() {
        assertEquals("123", KaggleSubmission.idOf(Path.of("123.jpg"), true));
        assertEquals("123", KaggleSubmission.idOf(Path.of("cat.123.jpg"), true));
        assertEquals("42", KaggleSubmission.idOf(Path.of("img_0042.png"), true));
        assertEquals("abc", KaggleSubmission.idOf(Path.of("abc.png"), true));
        assertEquals("img_0042", KaggleSubmission.idOf(Path.of("img_0042.png"), false));
        assertEquals("0.000000000000001", KaggleSubmission.format(1e-15));
    }
}
