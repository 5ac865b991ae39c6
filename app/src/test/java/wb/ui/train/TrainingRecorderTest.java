package wb.ui.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import wb.train.BatchMetrics;
import wb.train.EpochMetrics;
import wb.train.RunEnd;
import wb.train.RunStart;
import wb.ui.train.TrainingSnapshot.BatchPoint;
import wb.ui.train.TrainingSnapshot.Phase;

/** Snapshot accumulation, throttling and decimation, without a toolkit. */
class TrainingRecorderTest {

    final List<TrainingSnapshot> published = new ArrayList<>();
    long now;
    final TrainingRecorder recorder = new TrainingRecorder("run", Path.of("runs", "run"), published::add, () -> now, 100);

    static RunStart start(int epochs, int batches) {
        return new RunStart("shallownet", 1000, epochs, 1, batches, batches * 8, 16, "CpuBackend", "MKLDNNConvHelper");
    }

    static BatchMetrics batch(int epoch, long iteration, int b, int batches) {
        return new BatchMetrics(epoch, iteration, b, batches, 1.0 / (iteration + 1), 0.5, 1e-3, 250, 12, 3);
    }

    static EpochMetrics epoch(int e, int epochs) {
        return new EpochMetrics(e, epochs, 0.5, 0.8, 0.6, 0.75, 1e-3, 2.0, 250, true);
    }

    @Test
    void snapshotsAreCumulativeAndImmutable() {
        recorder.update("measuring channel statistics", 0, -1);
        assertEquals(Phase.PREPARING, published.get(0).phase());
        assertEquals("Measuring channel statistics…", published.get(0).message());

        recorder.onStart(start(2, 3));
        for (int e = 1; e <= 2; e++) {
            for (int b = 1; b <= 3; b++) {
                now += 1_000; // every batch is due: the interval is 100 ns here
                recorder.onBatch(batch(e, (e - 1) * 3L + b - 1, b, 3));
            }
            recorder.onEpoch(epoch(e, 2));
        }
        recorder.onFinish(new RunEnd(RunEnd.Status.COMPLETED, 2, 2, 0.6, 0.75, "trained 2 epochs"));

        TrainingSnapshot last = published.get(published.size() - 1);
        assertEquals(Phase.FINISHED, last.phase());
        assertEquals(2, last.epochs().size());
        assertEquals(6, last.batchPoints().size());
        assertEquals(RunEnd.Status.COMPLETED, last.end().status());
        assertThrows(UnsupportedOperationException.class, () -> last.epochs().add(epoch(3, 2)));

        // Every snapshot holds the whole run so far: the epoch list only ever grows.
        int previous = 0;
        for (TrainingSnapshot s : published) {
            assertTrue(s.epochs().size() >= previous);
            previous = s.epochs().size();
        }
        // The last batch of an epoch announces the evaluation that follows it.
        assertTrue(published.stream().anyMatch(s -> s.phase() == Phase.EVALUATING && s.message().startsWith("Measuring epoch 1")));

        TrainingSnapshot done = recorder.complete(List.of("no validation split: held out 4"), List.of("bad.png"));
        assertEquals(List.of("no validation split: held out 4"), done.notes());
        assertEquals(List.of("bad.png"), done.unreadableFiles());
    }

    @Test
    void batchUpdatesAreThrottledButEpochsAndTheEndAreNot() {
        TrainingRecorder throttled = new TrainingRecorder("run", Path.of("r"), published::add, () -> now, 100_000_000L);
        int batches = TrainingRecorder.MAX_POINTS; // one second of batches, all kept (none thinned)
        long step = 1_000_000_000L / batches;
        throttled.onStart(start(1, batches));
        int afterStart = published.size();
        for (int b = 1; b < batches; b++) {
            now += step;
            throttled.onBatch(batch(1, b - 1, b, batches));
        }
        int batchPublications = published.size() - afterStart;
        assertTrue(batchPublications >= 9 && batchPublications <= 11, "about 10 Hz over one second, got " + batchPublications);
        assertEquals(batches - 1, throttled.snapshot().batchPoints().size(), "throttling drops publications, never data");

        throttled.flush();
        assertEquals(batches - 1, published.get(published.size() - 1).batchPoints().size(), "flush publishes what the throttle held back");

        // Paused: what the throttle holds back is shown once the pause takes effect; nothing more while nothing changed.
        now += step;
        throttled.onBatch(batch(1, batches - 1, batches - 1, batches));
        int held = published.size();
        throttled.onPaused();
        assertEquals(held + 1, published.size(), "a pause publishes the batch the throttle held back");
        assertEquals(batches - 1, published.get(published.size() - 1).latest().iteration());
        throttled.onPaused();
        assertEquals(held + 1, published.size(), "nothing new, nothing published");

        int before = published.size();
        throttled.onEpoch(epoch(1, 1));
        throttled.onFinish(new RunEnd(RunEnd.Status.COMPLETED, 1, 1, 0.6, 0.75, "done"));
        assertEquals(before + 2, published.size());
    }

    @Test
    void batchCurveIsDecimatedToABoundedEvenGrid() {
        int batches = 25_000;
        recorder.onStart(start(1, batches));
        int generation = 0;
        int generationChanges = 0;
        for (int b = 1; b <= batches; b++) {
            recorder.onBatch(batch(1, b - 1, b, batches));
            TrainingSnapshot s = recorder.snapshot();
            if (s.pointGeneration() != generation) {
                generationChanges++;
                generation = s.pointGeneration();
            }
        }
        TrainingSnapshot s = recorder.snapshot();
        List<BatchPoint> points = s.batchPoints();
        assertTrue(points.size() <= TrainingRecorder.MAX_POINTS, "kept " + points.size());
        assertTrue(points.size() > TrainingRecorder.MAX_POINTS / 2, "kept " + points.size());
        // The stride doubles each time the kept points reach MAX_POINTS: after k thinnings the points cover
        // MAX_POINTS * 2^k iterations, so 25,000 iterations need the smallest k with 500 * 2^k > 25,000, k = 6.
        assertEquals(64, s.pointStride(), "25,000 iterations need the stride doubled six times");
        assertEquals(6, generationChanges, "one generation per thinning");
        assertEquals(0, points.get(0).iteration(), "the first point survives every thinning");
        for (int i = 1; i < points.size(); i++) {
            assertEquals(s.pointStride(), points.get(i).iteration() - points.get(i - 1).iteration(), "evenly spaced at " + i);
        }
        assertEquals(1.0, points.get(0).loss());
    }

    @Test
    void progressFiguresComeFromTheLatestBatch() {
        recorder.onStart(start(4, 10));
        recorder.onBatch(batch(2, 14, 5, 10));
        TrainingSnapshot s = recorder.snapshot();
        assertEquals(2, s.currentEpoch());
        assertEquals(4, s.totalEpochs());
        assertEquals(0.5, s.epochProgress(), 1e-9);
        assertEquals((1 + 0.5) / 4, s.runProgress(), 1e-9);
        assertEquals(250, s.imagesPerSecond());
        assertEquals(12, s.etaSeconds());
        assertEquals(3, s.queuedBatches());
    }

    @Test
    void phasesAreMarkedAtTheirFirstEpochAndNamedForTheCurrentEpoch() {
        recorder.onStart(start(4, 2));
        recorder.onPhase("head", 1);
        assertEquals(List.of(new TrainingSnapshot.PhaseMark("head", 1)), published.get(published.size() - 1).phases());
        for (int e = 1; e <= 4; e++) {
            if (e == 3) {
                recorder.onPhase("fine-tune", 3);
                assertEquals("fine-tune", published.get(published.size() - 1).currentPhase().name(), "published at once");
            }
            for (int b = 1; b <= 2; b++) {
                now += 1_000;
                recorder.onBatch(batch(e, (e - 1) * 2L + b - 1, b, 2));
            }
            assertEquals(e < 3 ? "head" : "fine-tune", recorder.snapshot().currentPhase().name());
            recorder.onEpoch(epoch(e, 4));
        }
        // A resumed run repeats the phase it resumes in: still one mark per phase.
        recorder.onPhase("fine-tune", 3);
        assertEquals(List.of(new TrainingSnapshot.PhaseMark("head", 1), new TrainingSnapshot.PhaseMark("fine-tune", 3)),
                recorder.snapshot().phases());
        assertEquals("fine-tune (from epoch 3)", TrainViewModel.phaseText(recorder.snapshot()));
    }

    @Test
    void runsWithoutPhasesShowNoPhase() {
        recorder.onStart(start(2, 2));
        assertNull(recorder.snapshot().currentPhase());
        assertEquals(wb.ui.support.Fmt.NONE, TrainViewModel.phaseText(recorder.snapshot()));
    }
}
