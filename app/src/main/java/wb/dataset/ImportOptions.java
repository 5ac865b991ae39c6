package wb.dataset;

/**
 * Options shared by the dataset importers.
 *
 * @param limitPerClass keep at most this many labelled images per class (a seeded random subset) before
 *                      splitting; 0 keeps all
 * @param validFraction fraction of each class held out into {@code valid/} (stratified, seeded)
 * @param testLimit     how many images of the source's test set to export as unlabelled {@code test/<id>.png}
 *                      with an answer key: 0 for none, -1 for all
 * @param seed          the root seed for subset, split and test-id shuffling
 */
public record ImportOptions(int limitPerClass, double validFraction, int testLimit, long seed) {
    public ImportOptions {
        if (limitPerClass < 0) throw new IllegalArgumentException("limitPerClass must be >= 0 (0 = all), got " + limitPerClass);
        if (!(validFraction >= 0 && validFraction < 1)) throw new IllegalArgumentException("validFraction must be in [0, 1), got " + validFraction);
        if (testLimit < -1) throw new IllegalArgumentException("testLimit must be -1 (all), 0 (none) or a count, got " + testLimit);
    }
}
