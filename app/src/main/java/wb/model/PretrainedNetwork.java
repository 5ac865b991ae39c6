package wb.model;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network loaded as a starting point for transfer learning, with what is known about it.
 *
 * @param origin        one line for the model card's {@code initialisedFrom}: where the weights came from
 * @param weightsKey    a stable identity of the weights (URL + checksum, or a content hash), for cache keys
 * @param input         the input the weights expect, or null when the file does not say (a plain model zip)
 * @param preprocessing the normalisation the weights were trained with, or null when unknown
 * @param modelId       the zoo id when known (ImageNet weights, our bundles), else null
 * @param labels        the classes of the original output layer when known, else an empty list
 */
public record PretrainedNetwork(ComputationGraph network, String origin, String weightsKey, InputShape input,
                                Preprocessing preprocessing, String modelId, List<String> labels) {
    public PretrainedNetwork {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
