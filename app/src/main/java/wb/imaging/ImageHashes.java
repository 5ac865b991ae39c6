package wb.imaging;

/**
 * Fingerprints for finding the same picture twice in a dataset.
 * <ul>
 *   <li>{@link #pixels}: a 64-bit hash of the decoded pixels and the size, equal for copies of a file and for the same
 *       image saved again in a lossless format.</li>
 *   <li>{@link #difference}: a 256-bit difference hash (dHash) of the {@link #thumbnail}: one bit per pair of
 *       horizontal neighbours (is the left one brighter?). Equal for the same picture re-encoded as JPEG or resized,
 *       but also, now and then, for different simple shapes (two plain trousers); so equal hashes are only candidates,
 *       confirmed by {@link #meanAbsoluteDifference} of the thumbnails.</li>
 * </ul>
 */
public final class ImageHashes {

    private ImageHashes() { }

    /** FNV-1a over the size, the channel count and every byte, then mixed (splitmix64's finaliser). */
    public static long pixels(Raster r) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, r.width());
        h = fnv(h, r.height());
        h = fnv(h, r.channels());
        for (byte b : r.pixels()) {
            h ^= (b & 0xFF);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** Side lengths of the {@link #thumbnail}. */
    public static final int THUMB_WIDTH = 17;
    public static final int THUMB_HEIGHT = 16;

    /** The image in grey at 17x16 pixels (area-averaged), row-major: 272 bytes. */
    public static byte[] thumbnail(Raster r) {
        return ImageOps.resize(ImageOps.toChannels(r, 1), THUMB_WIDTH, THUMB_HEIGHT, ResizePolicy.SQUASH).pixels().clone();
    }

    /**
     * The 256-bit difference hash of a {@link #thumbnail} as four longs (row-major bits). An image with no horizontal
     * detail (blank, or one flat colour) hashes to all zeros; {@link #isFlat} tells those apart, since they all look alike.
     */
    public static long[] difference(byte[] thumbnail) {
        if (thumbnail.length != THUMB_WIDTH * THUMB_HEIGHT) throw new IllegalArgumentException("not a 17x16 thumbnail");
        long[] bits = new long[4];
        int k = 0;
        for (int y = 0; y < THUMB_HEIGHT; y++) {
            for (int x = 0; x < THUMB_WIDTH - 1; x++, k++) {
                int left = thumbnail[y * THUMB_WIDTH + x] & 0xFF;
                int right = thumbnail[y * THUMB_WIDTH + x + 1] & 0xFF;
                if (left > right) bits[k >>> 6] |= 1L << (k & 63);
            }
        }
        return bits;
    }

    /** The difference hash of an image. */
    public static long[] difference(Raster r) {
        return difference(thumbnail(r));
    }

    /** Mean absolute difference of two thumbnails, 0..255. */
    public static double meanAbsoluteDifference(byte[] a, byte[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("thumbnails differ in size");
        long sum = 0;
        for (int i = 0; i < a.length; i++) sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        return (double) sum / a.length;
    }

    /** True for the hash of an image without horizontal detail. */
    public static boolean isFlat(long[] difference) {
        for (long b : difference) if (b != 0) return false;
        return true;
    }

    private static long fnv(long h, int v) {
        for (int i = 0; i < 4; i++) {
            h ^= (v >>> (8 * i)) & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
