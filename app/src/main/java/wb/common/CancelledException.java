package wb.common;

/** Thrown when an operation stops because its {@link Cancellation} was triggered. */
public final class CancelledException extends RuntimeException {
    public CancelledException() { super("cancelled"); }
}
