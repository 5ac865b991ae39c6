package wb.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import wb.imaging.Grid;
import wb.imaging.Raster;

/** A captioned grid of one image and random augmentations of it, for previewing a configuration. */
public final class Montage {

    /** Descriptions are wrapped onto at most this many caption lines. */
    private static final int CAPTION_LINES = 3;

    private Montage() { }

    /**
     * The original (captioned "original") followed by {@code variants} augmented copies, each captioned
     * with {@link Augmenter#describe}. Tile {@code i} draws from its own generator split off a root seeded
     * with {@code seed}, so the same seed always gives the identical montage.
     */
    public static Raster render(Raster source, Augmenter augmenter, int variants, long seed, int columns, int tileSize) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(augmenter, "augmenter");
        if (variants < 0) throw new IllegalArgumentException("variants must be >= 0, not " + variants);
        SplittableRandom root = new SplittableRandom(seed);
        List<Grid.Tile> tiles = new ArrayList<>(variants + 1);
        tiles.add(Grid.Tile.of(source, "original"));
        for (int i = 0; i < variants; i++) {
            AugmentParams params = augmenter.sample(root.split(), source.width(), source.height(), source.channels());
            Raster augmented = augmenter.apply(source, params);
            tiles.add(new Grid.Tile(augmented, Grid.wrap(augmenter.describe(params), tileSize, CAPTION_LINES)));
        }
        return Grid.render(tiles, columns, tileSize);
    }
}
