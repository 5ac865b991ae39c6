package wb.imaging;

/** Image container formats recognised by their leading bytes. */
enum ImageFormat {
    JPEG("JPEG", true), PNG("PNG", true), BMP("BMP", true), TIFF("TIFF", true), WEBP("WebP", true),
    PNM("PNM", true), JPEG2000("JPEG 2000", true),
    GIF("GIF", false), HEIF("HEIF/HEIC", false), AVIF("AVIF", false), PSD("PSD", false), SVG("SVG", false),
    UNKNOWN("unknown", false);

    private final String label;
    private final boolean decodable;

    ImageFormat(String label, boolean decodable) {
        this.label = label;
        this.decodable = decodable;
    }

    String label() { return label; }

    boolean decodable() { return decodable; }

    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
        if (startsWith(b, 0, 'B', 'M') && b.length > 26) return BMP;
        if (startsWith(b, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2A)) return TIFF;
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) return WEBP;
        if (b.length > 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && Character.isWhitespace(b[2])) return PNM;
        if (startsWith(b, 0, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ') || startsWith(b, 0, 0xFF, 0x4F, 0xFF, 0x51)) return JPEG2000;
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) return GIF;
        if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
            if (startsWith(b, 8, 'a', 'v', 'i', 'f') || startsWith(b, 8, 'a', 'v', 'i', 's')) return AVIF;
            if (startsWith(b, 8, 'h', 'e', 'i') || startsWith(b, 8, 'm', 'i', 'f', '1') || startsWith(b, 8, 'h', 'e', 'v')) return HEIF;
        }
        if (startsWith(b, 0, '8', 'B', 'P', 'S')) return PSD;
        if (startsWith(b, 0, '<', 's', 'v', 'g') || startsWith(b, 0, '<', '?', 'x', 'm', 'l')) return SVG;
        return UNKNOWN;
    }

    /** Width and height from the header where cheap to read, else null. */
    long[] headerDimensions(byte[] b) {
        switch (this) {
            case PNG:
                if (b.length >= 24) return new long[] {be32(b, 16), be32(b, 20)};
                return null;
            case BMP:
                if (le32(b, 14) == 12) { // OS/2 BITMAPCOREHEADER: 16-bit width and height
                    return new long[] {(b[18] & 0xff) | ((b[19] & 0xff) << 8), (b[20] & 0xff) | ((b[21] & 0xff) << 8)};
                }
                return new long[] {Math.abs((long) le32(b, 18)), Math.abs((long) le32(b, 22))};
            case JPEG:
                return jpegDimensions(b);
            default:
                return null;
        }
    }

    /**
     * False when the file visibly ends before its end marker (a partial download or copy). The container
     * is walked rather than its tail inspected, because cameras and editors append data after the end
     * marker (motion photos carry a whole video after a JPEG's EOI), and a JPEG's EXIF thumbnail holds an
     * EOI marker of its own that must not count for the main image.
     */
    boolean looksComplete(byte[] b) {
        switch (this) {
            case PNG:
                return pngComplete(b);
            case JPEG:
                return jpegComplete(b);
            default:
                return true;
        }
    }

    /** Walks the chunks (length, type, data, CRC) until IEND; false if a chunk runs past the end first. */
    private static boolean pngComplete(byte[] b) {
        long i = 8;
        while (i + 8 <= b.length) {
            long len = be32(b, (int) i);
            if (b[(int) i + 4] == 'I' && b[(int) i + 5] == 'E' && b[(int) i + 6] == 'N' && b[(int) i + 7] == 'D') return true;
            i += 12 + len;
        }
        return false;
    }

    /**
     * Walks the marker segments to the first start-of-scan, then looks for the EOI marker in the
     * entropy-coded data that follows (where 0xFF is always stuffed or a marker, so 0xFF 0xD9 can only be
     * EOI). Falls back to looking near the end of the file if the segment structure is non-standard.
     */
    private static boolean jpegComplete(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xFF) return eoiNearEnd(b);
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) { i++; continue; }                                      // fill byte
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; } // no length
            if (marker == 0xD9) return false;                                          // EOI before any scan
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if (marker == 0xDA) {
                for (int j = i + 2 + len; j + 1 < b.length; j++) {
                    if ((b[j] & 0xff) == 0xFF && (b[j + 1] & 0xff) == 0xD9) return true;
                }
                return false;
            }
            i += 2 + len;
        }
        return false;
    }

    private static boolean eoiNearEnd(byte[] b) {
        int from = Math.max(2, b.length - 4096);
        for (int i = b.length - 2; i >= from; i--) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) return true;
        }
        return false;
    }

    private static long[] jpegDimensions(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xFF) return null;
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) { i++; continue; }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                long h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                long w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return new long[] {w, h};
            }
            if (marker == 0xDA) return null;
            i += 2 + len;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int offset, int... sig) {
        if (b.length < offset + sig.length) return false;
        for (int i = 0; i < sig.length; i++) if ((b[offset + i] & 0xff) != sig[i]) return false;
        return true;
    }

    private static long be32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8) | ((b[o + 2] & 0xff) << 16) | ((b[o + 3] & 0xff) << 24);
    }
}
