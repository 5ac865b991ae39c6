package wb.evaluate;

/**
 * Precision, recall and F1 of one class; a ratio with a zero denominator is 0, as in scikit-learn's
 * default {@code zero_division} behaviour.
 *
 * @param support number of labelled items whose true class this is
 */
public record ClassMetrics(String name, double precision, double recall, double f1, int support) { }
