package wb.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import wb.common.UserException;

class ModelZooTest {

    @Test
    void everyArchitectureConfiguresForAnyClassCountAndGreyInput() {
        for (ModelSpec s : ModelZoo.standard().all()) {
            InputShape in = new InputShape(s.id().equals("alexnet") || s.fixedInputSize() ? 3 : 1, s.defaultInput().height(), s.defaultInput().width());
            List<LayerInfo> layers = Networks.layerTable(s, new ModelRequest(in, 7, 1, 0, s.defaultDropout(), true));
            assertFalse(layers.isEmpty(), s.id());
            LayerInfo last = layers.get(layers.size() - 1);
            assertEquals("7", last.outputShape(), s.id() + " output layer must have one unit per class");
            assertTrue(layers.stream().mapToLong(LayerInfo::parameters).sum() > 0, s.id());
        }
    }

    @Test
    void referenceCnnHasThePeersParameterCount() {
        // ../shared/peer: conv5x5x32, pool, conv5x5x64, pool, dense 1024, dense 10 = 3,274,634 parameters
        ModelSpec s = ModelZoo.standard().get("fmnist-cnn");
        long n = Networks.layerTable(s, new ModelRequest(new InputShape(1, 28, 28), 10, 1, 0, 0.4, false)).stream().mapToLong(LayerInfo::parameters).sum();
        assertEquals(3_274_634, n);
    }

    @Test
    void unknownModelListsTheChoices() {
        UserException e = assertThrows(UserException.class, () -> ModelZoo.standard().get("vgg17"));
        assertTrue(e.getMessage().contains("vgg16") && e.getMessage().contains("fmnist-cnn"), e.getMessage());
    }

    @Test
    void schedules() {
        assertEquals(0.1, LrSchedule.constant().rate(0.1, 5, 10), 1e-12);
        assertEquals(0.01, LrSchedule.step(2, 0.1).rate(0.1, 2.5, 10), 1e-12);
        assertEquals(0.05, LrSchedule.linear().rate(0.1, 5, 10), 1e-12);
        assertEquals(0.05, LrSchedule.cosine().rate(0.1, 5, 10), 1e-12);
        assertEquals(0.0, LrSchedule.cosine().rate(0.1, 10, 10), 1e-12);
        assertEquals("step:3:0.5", LrSchedule.parse("step:3:0.5").toString());
        assertEquals(0.004, LrSchedule.oneCycle().rate(0.1, 0, 10), 1e-12, "one-cycle starts at rate/25");
        assertEquals(0.1, LrSchedule.oneCycle().rate(0.1, 3, 10), 1e-12, "peaks after 30%");
        assertEquals(0.05, LrSchedule.oneCycle().rate(0.1, 6.5, 10), 1e-12);
        assertEquals("onecycle", LrSchedule.parse("onecycle").toString());
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("warp"));
    }
}
