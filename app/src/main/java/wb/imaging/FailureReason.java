package wb.imaging;

/** Why a file could not be used as an image. */
public enum FailureReason {
    EMPTY_FILE("zero bytes"),
    TRUNCATED("truncated or corrupt image data"),
    NOT_AN_IMAGE("not an image"),
    UNSUPPORTED_FORMAT("unsupported image format"),
    TOO_LARGE("too large to decode safely"),
    UNREADABLE("unreadable");

    private final String text;

    FailureReason(String text) { this.text = text; }

    /** A short lower-case phrase for messages, e.g. "zero bytes". */
    public String text() { return text; }
}
