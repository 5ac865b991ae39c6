package wb.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** A network together with its card: what {@link ModelBundle} saves and loads. */
public record TrainedModel(ComputationGraph network, ModelCard card) {
    public Preprocessing preprocessing() { return card.preprocessing(); }
}
