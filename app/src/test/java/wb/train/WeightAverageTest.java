package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import wb.model.LrSchedule;

class WeightAverageTest {

    @Test
    void followsTheFormulaWithItsWarmUp() {
        ComputationGraph net = TrainerTest.net(1e-3);
        WeightAverage a = new WeightAverage(0.9);
        INDArray w0 = net.params().dup();
        a.update(net); // starts from the weights, then folds them in: unchanged
        net.params().addi(1.0);
        a.update(net); // t = 1: d = min(0.9, 2/11)
        double d = 2.0 / 11;
        a.swapIn(net);
        INDArray avg = net.params().dup();
        a.swapOut(net);
        INDArray expected = w0.mul(d).add(w0.add(1.0).mul(1 - d));
        assertEquals(0, expected.sub(avg).norm2Number().doubleValue(), 1e-3);
        assertEquals(0, w0.add(1.0).sub(net.params()).norm2Number().doubleValue(), 1e-4, "swapOut restores the optimizer's weights");
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(1.0));
    }

    @Test
    void evaluationAndTheHookSeeTheAverageTrainingContinuesOnTheWeights(@TempDir Path dir) throws Exception {
        ComputationGraph net = TrainerTest.net(1e-3);
        WeightAverage average = new WeightAverage(0.99);
        List<INDArray> hooked = new ArrayList<>();
        List<INDArray> optimizer = new ArrayList<>();
        Path saved = dir.resolve("average.bin");
        EpochHook hook = (n, m, st) -> {
            hooked.add(n.params().dup());
            optimizer.add(average.trainingWeights().dup());
            average.save(saved, average.trainingWeights());
        };
        RunEnd end = new Trainer(new TrainerSettings(2, 32, 1e-3, LrSchedule.constant(), 0, 1, 100, 1), new TrainingObserver() { },
                new TrainingControl(), hook).fit(net, "fmnist-cnn", TrainerTest.corners(256, 1), TrainerTest.corners(64, 2), 2,
                TrainerState.fresh(), List.of(), null, average);
        assertEquals(RunEnd.Status.COMPLETED, end.status(), end.message());
        assertTrue(end.bestValidAccuracy() > 0.9, "the averaged weights classify well: " + end.bestValidAccuracy());
        assertEquals(2 * (256 / 32), average.updates());
        assertTrue(hooked.get(1).sub(optimizer.get(1)).norm2Number().doubleValue() > 1e-3, "the hook saw the average, not the weights");
        assertEquals(0, optimizer.get(1).sub(net.params()).norm2Number().doubleValue(), 1e-5, "training ends on the optimizer's weights");

        // Resume: a network loaded from the checkpoint holds the average; the optimizer's weights come back from the file.
        ComputationGraph reloaded = TrainerTest.net(1e-3);
        reloaded.setParams(hooked.get(1));
        WeightAverage resumed = WeightAverage.resume(saved, reloaded);
        assertEquals(average.updates(), resumed.updates());
        assertEquals(0, optimizer.get(1).sub(reloaded.params()).norm2Number().doubleValue(), 1e-5);
        resumed.swapIn(reloaded);
        assertEquals(0, hooked.get(1).sub(reloaded.params()).norm2Number().doubleValue(), 1e-5);
    }
}
