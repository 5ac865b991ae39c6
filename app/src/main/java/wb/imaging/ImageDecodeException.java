package wb.imaging;

/** Thrown by {@link ImageDecoder#decodeOrThrow} for a file that is not a usable image. */
public final class ImageDecodeException extends RuntimeException {
    private final transient DecodeResult.Failed failure;

    public ImageDecodeException(DecodeResult.Failed failure) {
        super(failure.message());
        this.failure = failure;
    }

    public DecodeResult.Failed failure() { return failure; }
}
