package wb.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import wb.model.LrSchedule;
import wb.model.ModelZoo;
import wb.model.Optimizer;
import wb.model.Recipe;

class TrainConfigDefaultsTest {

    @Test
    void eachArchitectureStartsFromItsRecipe() {
        TrainConfig fmnist = TrainConfig.defaults("fmnist-cnn");
        Recipe r = ModelZoo.standard().get("fmnist-cnn").recipe();
        assertNotSame(Recipe.STANDARD, r, "FMNIST-CNN has a measured recipe of its own");
        assertEquals(Optimizer.NESTEROV, fmnist.optimizer());
        assertEquals(0.035, fmnist.learningRate());
        assertEquals(LrSchedule.oneCycle(), fmnist.schedule());
        assertEquals(32, fmnist.batchSize());
        assertEquals(5e-4, fmnist.l2());
        assertTrue(fmnist.augment().horizontalFlip());
        assertEquals(0, fmnist.augment().cropPadding(), "recipe K: flips without random crops");

        TrainConfig lenet = TrainConfig.defaults("lenet");
        assertEquals(Optimizer.ADAM, lenet.optimizer());
        assertEquals(1e-3, lenet.learningRate());
        assertEquals(LrSchedule.cosine(), lenet.schedule());
        assertEquals(64, lenet.batchSize());
        assertEquals(0, lenet.l2());

        assertEquals(Recipe.STANDARD, TrainConfig.recipeOf("no-such-model"));
    }
}
