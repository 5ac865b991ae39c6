package wb.train;

import java.nio.file.Path;
import java.util.function.Function;

import org.deeplearning4j.nn.graph.ComputationGraph;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;
import wb.dataset.io.FeatureMeta;
import wb.imaging.ResizePolicy;
import wb.model.FineTuning;
import wb.model.InitWeights;
import wb.model.InputShape;
import wb.model.ModelBundle;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.PretrainedNetwork;
import wb.model.PretrainedWeights;
import wb.model.Preprocessing;
import wb.model.TrainedModel;

/**
 * A pretrained network ready for transfer learning, with the input and preprocessing its weights expect
 * and where it came from (to record in model cards and feature files, and to load it again).
 *
 * @param weightsSource how to load the same weights again: "imagenet", "file:PATH" or "run:PATH"
 * @param weightsKey    identity of the weights (URL and checksum, or content hash)
 */
record Backbone(ComputationGraph network, String modelId, String modelName, Preprocessing preprocessing, String origin,
                String weightsSource, String weightsKey) {

    InputShape input() { return preprocessing.input(); }

    /** A trained run or bundle folder: its network, its card's preprocessing. */
    static Backbone fromRun(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        TrainedModel m = ModelBundle.load(abs, false);
        String key = PretrainedWeights.sha256(abs.resolve(ModelBundle.NETWORK_FILE));
        return new Backbone(m.network(), m.card().modelId(), m.card().modelName(), m.preprocessing(),
                "run: " + abs + " (" + key.substring(0, 19) + ")", "run:" + abs, key);
    }

    /**
     * Starting weights for a zoo architecture: its ImageNet weights, or a model file. Input: {@code size} if
     * given, else what the weights say, else the architecture's default; channels from the weights.
     * Preprocessing: what the weights were trained with when known (ImageNet, our bundles), else
     * {@code measure} (statistics of the training images) applied to that input.
     */
    static Backbone fromWeights(String modelId, InitWeights weights, Integer size, ResizePolicy resize,
                                Function<InputShape, float[][]> measure, Progress progress, Cancellation cancel) {
        ModelSpec spec = ModelZoo.standard().get(modelId);
        PretrainedNetwork pre = PretrainedWeights.load(spec, weights, progress, cancel);
        InputShape input = input(spec, pre, size);
        Preprocessing p;
        if (pre.preprocessing() != null) {
            p = new Preprocessing(input, resize, pre.preprocessing().mean(), pre.preprocessing().std(), pre.preprocessing().channelOrder());
        } else {
            float[][] stats = measure.apply(input);
            p = new Preprocessing(input, resize, stats[0], stats[1]);
        }
        String id = pre.modelId() != null ? pre.modelId() : spec.id();
        String name = pre.modelId() != null ? nameOf(pre.modelId())
                : weights.kind() == InitWeights.Kind.FILE ? spec.displayName() + " (" + weights.file().getFileName() + ")" : spec.displayName();
        String source = weights.kind() == InitWeights.Kind.IMAGENET ? "imagenet" : "file:" + weights.file().toAbsolutePath().normalize();
        return new Backbone(pre.network(), id, name, p, pre.origin(), source, pre.weightsKey());
    }

    /** Loads the backbone a feature file was extracted with, checking that its weights have not changed since. */
    static Backbone reopen(FeatureMeta meta, Progress progress, Cancellation cancel) {
        String src = meta.weightsSource();
        Backbone b;
        if (src.startsWith("run:")) {
            b = fromRun(Path.of(src.substring(4)));
        } else {
            InitWeights w = src.equals("imagenet") ? InitWeights.imagenet() : InitWeights.file(Path.of(src.substring(src.indexOf(':') + 1)));
            int[] in = meta.inputShape();
            Preprocessing p = new Preprocessing(new InputShape(in[0], in[1], in[2]), ResizePolicy.valueOf(meta.resize()), meta.mean(), meta.std(),
                    Preprocessing.ChannelOrder.valueOf(meta.channelOrder()));
            b = fromWeights(meta.modelId(), w, null, p.resize(), in2 -> new float[][] {p.mean(), p.std()}, progress, cancel);
        }
        if (!b.weightsKey().equals(meta.weightsKey())) {
            throw new UserException("the weights the features were extracted with have changed (" + b.origin()
                    + "); extract the features again");
        }
        int[] in = meta.inputShape();
        Preprocessing p = new Preprocessing(new InputShape(in[0], in[1], in[2]), ResizePolicy.valueOf(meta.resize()), meta.mean(), meta.std(),
                    Preprocessing.ChannelOrder.valueOf(meta.channelOrder()));
        return new Backbone(b.network(), b.modelId(), b.modelName(), p, b.origin(), b.weightsSource(), b.weightsKey());
    }

    static InputShape input(ModelSpec spec, PretrainedNetwork pre, Integer size) {
        int channels = pre.input() != null ? pre.input().channels() : FineTuning.inputChannels(pre.network());
        if (channels != 1 && channels != 3) {
            throw new UserException("the pretrained network takes " + channels + "-channel input; the workbench feeds grey (1) or RGB (3) images");
        }
        if (size != null) return new InputShape(channels, size, size);
        if (pre.input() != null) return pre.input();
        return new InputShape(channels, spec.defaultInput().height(), spec.defaultInput().width());
    }

    private static String nameOf(String id) {
        try {
            return ModelZoo.standard().get(id).displayName();
        } catch (UserException e) {
            return id;
        }
    }
}
