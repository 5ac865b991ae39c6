package wb.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.application.Platform;

/** For the scripted mains (screenshot tour, benchmarks) that drive the real window from a plain thread. */
final class ScriptedFx {

    private ScriptedFx() { }

    /** Runs {@code call} on the FX thread and waits for its result. */
    static <T> T fx(Callable<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.join();
    }

    /** Polls {@code condition} every {@code pollMillis} until it holds; fails after {@code seconds}, naming {@code what}. */
    static void await(String what, long seconds, long pollMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + what);
            sleep(pollMillis);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
