package wb.cli;

/**
 * Lines up text in a terminal's columns by how wide it is on screen, not by its number of chars: a CJK ideograph or
 * an emoji takes two columns, a combining accent or a zero-width joiner none, and a character outside the Basic
 * Multilingual Plane is one code point (two chars). Class names are folder names, so any of these appear in tables.
 * The widths follow Markus Kuhn's wcwidth (East Asian Wide and Fullwidth ranges, plus the emoji blocks).
 */
final class TextColumns {
    private TextColumns() { }

    /** How many terminal columns {@code s} takes. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code s} followed by spaces up to {@code columns} (unchanged when it is already as wide or wider). */
    static String pad(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }

    /** Spaces, then {@code s}, to {@code columns} (right-aligned). */
    static String padLeft(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : " ".repeat(columns - w) + s;
    }

    /** The longest start of {@code s} that fits in {@code columns}, never cutting a character or its accents apart. */
    static String fit(String s, int columns) {
        int w = 0;
        int end = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = width(cp);
            if (w + cw > columns) break;
            w += cw;
            i += Character.charCount(cp);
            end = i;
        }
        // Accents that follow the last whole character belong to it.
        while (end < s.length() && width(s.codePointAt(end)) == 0) end += Character.charCount(s.codePointAt(end));
        return s.substring(0, end);
    }

    static int width(int cp) {
        if (cp == 0) return 0;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (cp >= 0x1160 && cp <= 0x11ff)) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        return cp >= 0x1100 && (cp <= 0x115f
                || cp == 0x2329 || cp == 0x232a
                || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe10 && cp <= 0xfe19)
                || (cp >= 0xfe30 && cp <= 0xfe6f)
                || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x1f300 && cp <= 0x1f64f)
                || (cp >= 0x1f900 && cp <= 0x1f9ff)
                || (cp >= 0x20000 && cp <= 0x2fffd)
                || (cp >= 0x30000 && cp <= 0x3fffd));
    }
}
