package wb.evaluate;

/** The fast.ai lesson-1 ways of looking at predictions. */
public enum PredictionView {
    /** A seeded random sample of correctly classified items. */
    RANDOM_CORRECT,
    /** A seeded random sample of misclassified items. */
    RANDOM_INCORRECT,
    /** Correct items with the highest probability for their (true = predicted) class first. */
    MOST_CONFIDENT_CORRECT,
    /** Misclassified items with the highest probability given to the wrong, predicted class first. */
    MOST_CONFIDENT_INCORRECT,
    /** Items whose top probability is closest to 1/k (0.5 for two classes) first. */
    MOST_UNCERTAIN
}
