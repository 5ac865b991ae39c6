package wb.model;

/**
 * The classifier head put on a pretrained body: an optional hidden dense layer (ReLU, optionally batch
 * normalised), dropout, and a softmax output with one unit per class. The defaults are the computer-vision
 * book's FCHeadNet: dense 256, dropout 0.5, softmax. With {@code units == 0} the head is softmax regression
 * on the features (the book's "features + logistic regression" baseline).
 *
 * @param units     hidden units (0 = no hidden layer)
 * @param dropout   probability of dropping an input of the softmax layer (0 = none)
 * @param batchNorm batch normalisation between the hidden layer and its ReLU
 * @param l2        L2 weight decay on the head's weights (0 = none)
 */
public record HeadSpec(int units, double dropout, boolean batchNorm, double l2) {

    public HeadSpec {
        if (units < 0 || units > 65_536) throw new IllegalArgumentException("head units must be 0..65536 (0 = no hidden layer), not " + units);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("head dropout must be in [0, 1), e.g. 0.5, not " + dropout);
        if (batchNorm && units == 0) throw new IllegalArgumentException("head batch norm needs a hidden layer (head units > 0)");
        if (l2 < 0) throw new IllegalArgumentException("L2 must be >= 0, e.g. 0.0001");
    }

    /** Dense 256 + dropout 0.5 + softmax, no batch norm, no L2. */
    public static HeadSpec defaults() { return new HeadSpec(256, 0.5, false, 0); }

    /** Softmax regression with L2: the linear baseline on cached features. */
    public static HeadSpec logistic(double l2) { return new HeadSpec(0, 0, false, l2); }

    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("headUnits", units);
        m.put("headDropout", dropout);
        m.put("headBatchNorm", batchNorm);
        m.put("headL2", l2);
        return m;
    }
}
