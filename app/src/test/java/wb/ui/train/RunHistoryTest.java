package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import wb.train.EpochMetrics;
import wb.train.MetricsCsvWriter;
import wb.train.PhasesCsvWriter;
import wb.train.RunStart;

class RunHistoryTest {

    @TempDir Path runs;

    @Test
    void namesRunsByStartTimeAndModelAndNeverReusesAFolder() throws Exception {
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 22, 18, 49, 3, 0, ZoneId.of("UTC"));
        String first = RunHistory.newRunName(runs, "lenet", t);
        assertEquals("2026-11-22_18-49-03_lenet", first);
        Files.createDirectories(runs.resolve(first));
        assertEquals("2026-11-22_18-49-03_lenet-2", RunHistory.newRunName(runs, "lenet", t));
    }

    @Test
    void listsRunFoldersNewestFirstAndReadsTheirCurves() throws Exception {
        Path older = run("2026-11-20_09-00-00_shallownet", 3);
        run("2026-11-21_10-30-00_lenet", 1);
        Files.createDirectories(runs.resolve("not-a-run"));
        Files.writeString(runs.resolve("notes.txt"), "x");

        List<RunRecord> list = RunHistory.scan(runs);
        assertEquals(2, list.size());
        assertEquals("2026-11-21_10-30-00_lenet", list.get(0).name());
        RunRecord r = list.get(1);
        assertEquals(older, r.dir());
        assertEquals("shallownet", r.modelId());
        assertEquals("ShallowNet", r.modelName());
        assertEquals(3, r.epochs());
        assertFalse(r.hasModel());
        assertNull(r.status(), "no card with an end status: unfinished");
        assertEquals("3 epochs · no saved model · unfinished", r.summary());

        RunCurves curves = RunHistory.curves(r);
        assertEquals(3, curves.epochs().size());
        assertEquals(0.75, curves.epochs().get(2).validAccuracy(), 1e-6);
        assertTrue(curves.phases().isEmpty(), "a single-phase run has no phases.csv");
        assertTrue(RunHistory.scan(runs.resolve("absent")).isEmpty());
    }

    @Test
    void aReopenedFineTuningRunKeepsItsPhases() throws Exception {
        Path dir = run("2026-11-21_10-30-00_minivggnet", 4);
        PhasesCsvWriter w = new PhasesCsvWriter(dir.resolve("phases.csv"));
        w.onStart(new RunStart("minivggnet", 10, 4, 1, 5, 40, 8, "CpuBackend", "none"));
        w.onPhase("head", 1);
        w.onPhase("fine-tune", 3);
        RunCurves curves = RunHistory.curves(RunHistory.read(dir));
        assertEquals(List.of(new TrainingSnapshot.PhaseMark("head", 1), new TrainingSnapshot.PhaseMark("fine-tune", 3)), curves.phases());

        Files.writeString(dir.resolve("phases.csv"), "first_epoch,phase\nthree,fine-tune\n");
        RunCurves damaged = RunHistory.curves(RunHistory.read(dir));
        assertEquals(4, damaged.epochs().size(), "a damaged phases.csv costs the mark, not the curves");
        assertTrue(damaged.phases().isEmpty());
    }

    private Path run(String name, int epochs) throws Exception {
        Path dir = runs.resolve(name);
        Files.createDirectories(dir);
        String model = name.substring(name.lastIndexOf('_') + 1);
        Files.writeString(dir.resolve("config.json"), "{\"model\":\"" + model + "\",\"epochs\":" + epochs + "}");
        MetricsCsvWriter w = new MetricsCsvWriter(dir.resolve("metrics.csv"));
        w.onStart(new RunStart(model, 10, epochs, 1, 5, 40, 8, "CpuBackend", "none"));
        for (int e = 1; e <= epochs; e++) w.onEpoch(new EpochMetrics(e, epochs, 1.0 / e, 0.5, 1.2 / e, 0.75, 1e-3, 1, 100, true));
        return dir;
    }
}
