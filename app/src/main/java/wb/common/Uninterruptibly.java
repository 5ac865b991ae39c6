package wb.common;

/**
 * Waits that must run to their end: an interrupt is remembered and the wait goes on; the thread's interrupt flag is
 * set again afterwards, for the caller's next interruptible call to see.
 */
public final class Uninterruptibly {

    /** A blocking call that may be interrupted and may fail with {@code E}. */
    @FunctionalInterface
    public interface Wait<T, E extends Exception> {
        T get() throws InterruptedException, E;
    }

    private Uninterruptibly() { }

    public static <T, E extends Exception> T get(Wait<T, E> wait) throws E {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return wait.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
