package wb.common;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from one root seed, so that changing how many numbers one
 * consumer draws (say, augmentation) never shifts another (say, the shuffle order or weight init).
 */
public record Seeds(long root) {

    /** A seed for the stream called {@code name}; stable across runs and JVMs. */
    public long seedFor(String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name, then mixed with the root by SplittableRandom
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(root ^ h).nextLong();
    }

    /** A fresh generator for the stream called {@code name}. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(seedFor(name));
    }
}
