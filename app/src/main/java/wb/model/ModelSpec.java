package wb.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * One entry of the model zoo: a named architecture that can be configured for any number of classes and
 * input channels. Specs are immutable and stateless; {@link ModelZoo} holds the registry.
 */
public interface ModelSpec {

    /** Stable identifier used on the command line and in model cards, e.g. "fmnist-cnn". */
    String id();

    String displayName();

    /** One or two sentences for the zoo picker: origin, design, when to use it. */
    String description();

    /** The input size the architecture was designed for (channels are adapted to the data). */
    InputShape defaultInput();

    /** The smallest height/width the architecture accepts (pooling stages shrink the input). */
    int minInputSize();

    /** Whether the architecture needs exactly {@link #defaultInput()}'s height and width. */
    default boolean fixedInputSize() { return false; }

    /** Whether ImageNet weights exist for it in DL4J's zoo (see the transfer-learning workflow). */
    default boolean pretrainedAvailable() { return imagenetWeights().isPresent(); }

    /** The ImageNet weights DL4J's zoo publishes for this architecture, if any ({@link PretrainedWeights} loads them). */
    default java.util.Optional<ImageNetWeights> imagenetWeights() { return java.util.Optional.empty(); }

    /** Whether {@link ModelRequest#batchNorm()} and {@link ModelRequest#dropout()} change the network. */
    default boolean configurableRegularisation() { return false; }

    /** The default dropout for the classifier head, when {@link #configurableRegularisation()}. */
    default double defaultDropout() { return 0.0; }

    /**
     * Whether each layer's output feeds only the next layer (no branches, no in-place activation layers): such
     * networks train with {@link ForwardReuse}'s layers, which skip DL4J's second forward computation per step.
     */
    default boolean sequential() { return false; }

    /** The optimisation settings it trains with by default. */
    default Recipe recipe() { return Recipe.STANDARD; }

    /** Builds the configuration; the updater is set by the trainer afterwards. */
    ComputationGraphConfiguration configure(ModelRequest request);
}
