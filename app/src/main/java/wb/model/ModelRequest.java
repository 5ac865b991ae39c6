package wb.model;

/**
 * What to build: the input, the number of classes, and the architecture-level hyperparameters.
 *
 * @param dropout   probability of dropping a unit in the classifier head (0 = none); architectures
 *                  with a fixed design ignore it and say so in their description
 * @param batchNorm insert batch normalisation after convolutions where the architecture allows it
 */
public record ModelRequest(InputShape input, int numClasses, long seed, double l2, double dropout, boolean batchNorm) {
    public ModelRequest {
        if (input == null) throw new IllegalArgumentException("input shape is required");
        if (numClasses < 2) throw new IllegalArgumentException("a classifier needs at least 2 classes, not " + numClasses);
        if (l2 < 0) throw new IllegalArgumentException("L2 must be >= 0, not " + l2);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), not " + dropout);
    }
}
