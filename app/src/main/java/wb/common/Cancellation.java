package wb.common;

/** A cooperative cancellation flag that long operations poll between units of work. */
public final class Cancellation {

    /** A token that is never cancelled. */
    public static final Cancellation NEVER = new Cancellation(true);

    private final boolean frozen;
    private volatile boolean cancelled;

    public Cancellation() { this(false); }

    private Cancellation(boolean frozen) { this.frozen = frozen; }

    public void cancel() {
        if (frozen) throw new UnsupportedOperationException("Cancellation.NEVER cannot be cancelled");
        cancelled = true;
    }

    public boolean isCancelled() { return cancelled; }

    /** Throws {@link CancelledException} if cancellation was requested. */
    public void throwIfCancelled() {
        if (cancelled) throw new CancelledException();
    }
}
