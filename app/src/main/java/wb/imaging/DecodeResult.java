package wb.imaging;

import java.nio.file.Path;

/** The outcome of decoding one file: a raster, or the reason it is unusable. */
public sealed interface DecodeResult permits DecodeResult.Ok, DecodeResult.Failed {

    Path path();

    /** A decoded image. */
    record Ok(Path path, Raster raster, ImageInfo info) implements DecodeResult { }

    /** A file that is not a usable image, with a reason and a detail for the message. */
    record Failed(Path path, FailureReason reason, String detail) implements DecodeResult {
        /** "path: reason (detail)", the message shown to users. */
        public String message() {
            return path + ": " + reasonText();
        }

        /** "reason (detail)" without the path, for lists that show the path in their own column. */
        public String reasonText() {
            return reason.text() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
    }
}
