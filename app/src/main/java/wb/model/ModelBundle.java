package wb.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import wb.common.AtomicFiles;
import wb.common.UserException;

/**
 * Saves and loads a model bundle: a folder with {@code model.zip} (DL4J's format: configuration, weights
 * and optionally the optimizer state) and {@code card.json}. Each file is written atomically, the
 * network first and the card last, so a folder with a card always has a complete network next to it.
 */
public final class ModelBundle {

    static {
        Dl4jRuntime.init();
    }

    public static final String NETWORK_FILE = "model.zip";
    public static final String CARD_FILE = "card.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelBundle() { }

    /** The JSON mapper used for cards and other small files. */
    public static ObjectMapper json() { return JSON; }

    public static void save(TrainedModel model, Path dir, boolean withOptimizerState) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeVia(dir.resolve(NETWORK_FILE), tmp -> ModelSerializer.writeModel(model.network(), tmp.toFile(), withOptimizerState));
        writeCard(model.card(), dir);
    }

    public static void writeCard(ModelCard card, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(CARD_FILE), out -> JSON.writeValue(out, card));
    }

    public static ModelCard readCard(Path dir) {
        Path file = dir.resolve(CARD_FILE);
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserException(dir + " is not a model bundle: " + CARD_FILE + " is missing");
        } catch (IOException e) {
            throw new UserException(file + " could not be read: " + e.getMessage());
        }
    }

    /** Loads a bundle; {@code withOptimizerState} to continue training it. */
    public static TrainedModel load(Path dir, boolean withOptimizerState) {
        ModelCard card = readCard(dir);
        Path net = dir.resolve(NETWORK_FILE);
        if (!Files.isRegularFile(net)) throw new UserException(dir + " is not a complete model bundle: " + NETWORK_FILE + " is missing");
        try {
            ComputationGraph g = ModelSerializer.restoreComputationGraph(net.toFile(), withOptimizerState);
            // DL4J builds its own channels-last convolutions, which are slower and train with wrong gradients.
            if (ForwardReuse.hasChannelsLastConvolution(g.getConfiguration())) g = ForwardReuse.rebuild(g, false);
            if (g.getNumOutputArrays() != 1 || g.layerSize(g.getConfiguration().getNetworkOutputs().get(0)) != card.labels().size()) {
                throw new UserException(dir + ": the network's output size does not match the " + card.labels().size() + " labels in " + CARD_FILE);
            }
            return new TrainedModel(g, card);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException u) throw u;
            throw new UserException(net + " could not be loaded: " + e.getMessage(), e);
        }
    }
}
