package wb.model;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        AtomicFiles.write(dir.resolve(NETWORK_FILE), out -> writeNetwork(model.network(), out, withOptimizerState));
        writeCard(model.card(), dir);
    }

    /**
     * Writes DL4J's model zip, the entries {@link ModelSerializer#writeModel} writes and reads back, stored without
     * compression. Weights and optimizer state hardly compress (DL4J's default level saves 7.5% on a FMNIST-CNN
     * checkpoint) but deflating them took 0.9 s of the 1.0 s that the checkpoint takes after every epoch, on the
     * training thread; stored, 0.1 s (docs/benchmarks.md, "Saving the model"). Does not close {@code out}.
     */
    public static void writeNetwork(ComputationGraph net, OutputStream out, boolean withOptimizerState) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16));
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
        zip.write(net.getConfiguration().toJson().getBytes(StandardCharsets.UTF_8));
        // Nd4j.write makes many small writes: buffered, as in ModelSerializer.
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
        zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
        INDArray params = net.params();
        if (params != null) {
            Nd4j.write(params, data);
            data.flush();
        } else {
            zip.putNextEntry(new ZipEntry(ModelSerializer.NO_PARAMS_MARKER));
        }
        INDArray state = withOptimizerState ? net.getUpdater().getStateViewArray() : null;
        if (state != null && state.length() > 0) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
            Nd4j.write(state, data);
            data.flush();
        }
        zip.finish();
        zip.flush();
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
