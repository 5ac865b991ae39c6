package wb.common;

/**
 * Receives progress of a long operation. Every long core operation accepts one; each front end
 * (CLI progress bar, JavaFX Service, tests) supplies its own.
 */
@FunctionalInterface
public interface Progress {

    /** A sink that ignores every report. */
    Progress NONE = (message, done, total) -> { };

    /**
     * Reports that {@code done} of {@code total} units are finished. {@code total} is -1 when unknown.
     * May be called from any thread; implementations must be cheap and thread-safe.
     */
    void update(String message, long done, long total);
}
