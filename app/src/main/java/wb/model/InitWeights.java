package wb.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a network's starting weights come from: random initialisation, the ImageNet weights published for
 * a zoo architecture, or a model file the user already has (a DL4J model zip, one of our run folders or
 * bundles, or a Keras {@code .h5}).
 *
 * @param file the weights file or bundle folder; only for {@link Kind#FILE}
 */
public record InitWeights(Kind kind, Path file) {

    /** The kind of starting point. */
    public enum Kind { NONE, IMAGENET, FILE }

    public InitWeights {
        if (kind == null) throw new IllegalArgumentException("weights kind is required");
        if ((kind == Kind.FILE) != (file != null)) throw new IllegalArgumentException("a weights file is given exactly for FILE weights");
    }

    public static InitWeights none() { return new InitWeights(Kind.NONE, null); }

    public static InitWeights imagenet() { return new InitWeights(Kind.IMAGENET, null); }

    public static InitWeights file(Path file) { return new InitWeights(Kind.FILE, file); }

    /** Parses "none", "imagenet" or a path (anything else). */
    public static InitWeights parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("weights: give imagenet, none or a model file");
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none", "random" -> none();
            case "imagenet" -> imagenet();
            default -> file(Path.of(text.trim()));
        };
    }

    @Override public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case IMAGENET -> "imagenet";
            case FILE -> file.toString();
        };
    }
}
