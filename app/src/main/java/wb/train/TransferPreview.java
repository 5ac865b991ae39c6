package wb.train;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.imaging.ResizePolicy;
import wb.model.FineTuning;
import wb.model.InitWeights;
import wb.model.InputShape;
import wb.model.LayerInfo;
import wb.model.ModelRequest;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.Networks;

/**
 * Layer tables for choosing transfer-learning layers, as plain values for front ends: an architecture's
 * layers (to name the feature, freeze and unfreeze layers), and the network a {@link TransferConfig}
 * would train, with its frozen layers in each phase.
 */
public final class TransferPreview {
    private TransferPreview() { }

    /**
     * A layer table.
     *
     * @param defaultFeatureLayer where a new head goes by default
     * @param fineTuneFrozen      layers still frozen in the fine-tune phase (empty without one)
     */
    public record Table(String modelId, String modelName, InputShape input, List<LayerInfo> layers, String defaultFeatureLayer,
                        long parameters, long trainableParameters, List<String> fineTuneFrozen) {
        public Table {
            layers = List.copyOf(layers);
            fineTuneFrozen = List.copyOf(fineTuneFrozen);
        }
    }

    /**
     * The layers of {@code modelId}: of its configuration when {@code weights} is null (nothing allocated), else
     * of the network those weights hold (its layer names may differ from the configuration's).
     */
    public static Table layers(String modelId, InitWeights weights, Integer size, int classes, Progress progress, Cancellation cancel) {
        ModelSpec spec = ModelZoo.standard().get(modelId);
        if (weights == null || weights.kind() == InitWeights.Kind.NONE) {
            InputShape in = new InputShape(spec.defaultInput().channels(), size != null ? size : spec.defaultInput().height(),
                    size != null ? size : spec.defaultInput().width());
            ComputationGraphConfiguration conf = Networks.configure(spec, new ModelRequest(in, Math.max(2, classes), 1, 0, spec.defaultDropout(),
                    spec.configurableRegularisation()), Networks.updater(wb.model.Optimizer.ADAM, 1e-3, 0.9));
            List<LayerInfo> table = Networks.layers(conf, in);
            long params = table.stream().mapToLong(LayerInfo::parameters).sum();
            return new Table(spec.id(), spec.displayName(), in, table, FineTuning.defaultFeatureLayer(conf, in), params, params, List.of());
        }
        Backbone b = Backbone.fromWeights(modelId, weights, size, ResizePolicy.SQUASH, in -> unit(in.channels()), progress, cancel);
        ComputationGraph net = b.network();
        return new Table(b.modelId(), b.modelName(), b.input(), Networks.layers(net.getConfiguration(), b.input()),
                FineTuning.defaultFeatureLayer(net, b.input()), net.numParams(), FineTuning.trainableParameters(net), List.of());
    }

    /** The network {@code transfer} would train for {@code numClasses} classes, frozen as in its first phase. */
    public static Table afterSurgery(String modelId, TransferConfig transfer, Integer size, int numClasses, Progress progress, Cancellation cancel) {
        Backbone b = Backbone.fromWeights(modelId, transfer.weights(), size, ResizePolicy.SQUASH, in -> unit(in.channels()), progress, cancel);
        String feature = transfer.featureLayer() != null ? transfer.featureLayer() : FineTuning.defaultFeatureLayer(b.network(), b.input());
        String freezeTo = transfer.freezeTo() != null ? transfer.freezeTo() : feature;
        ComputationGraph net = FineTuning.withNewHead(b.network(), b.input(), feature, numClasses, transfer.head(0), freezeTo,
                Networks.updater(wb.model.Optimizer.ADAM, 1e-3, 0.9), 1);
        List<String> fineTune = transfer.unfreezeTo() == null ? List.of()
                : FineTuning.layersThrough(net, FineTuning.layerBefore(net, transfer.unfreezeTo()));
        return new Table(b.modelId(), b.modelName(), b.input(), Networks.layers(net.getConfiguration(), b.input()), feature, net.numParams(),
                FineTuning.trainableParameters(net), fineTune);
    }

    private static float[][] unit(int channels) {
        float[] zero = new float[channels];
        float[] one = new float[channels];
        java.util.Arrays.fill(one, 1f);
        return new float[][] {zero, one};
    }
}
