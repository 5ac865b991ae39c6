package wb.train;

import java.nio.file.Path;

import wb.dataset.Split;
import wb.dataset.io.FeatureFile;
import wb.dataset.io.FeatureTable;

/** Cached features as training examples: the labelled rows of a feature file as an in-memory {@link ArraySource}. */
public final class CachedFeatures {
    private CachedFeatures() { }

    /** The labelled rows of {@code split} in {@code file} (all labelled rows when {@code split} is null), shape {D}. */
    public static ArraySource read(Path file, Split split) {
        FeatureTable t = FeatureFile.read(file);
        return source(t, split == null ? t.labelledRows() : t.labelledRows((byte) split.ordinal()));
    }

    /** The given rows of a table, shape {D}. */
    public static ArraySource source(FeatureTable t, int[] rows) {
        float[][] x = new float[rows.length][];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = t.features()[rows[i]];
            y[i] = t.labels()[rows[i]];
        }
        return new ArraySource(x, y, new int[] {t.meta().featureSize()});
    }
}
