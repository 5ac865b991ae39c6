package wb.cli;

import java.io.PrintWriter;
import java.util.Locale;

import wb.common.Progress;

/**
 * A progress bar for long operations: redrawn in place on a terminal, a line every 10% otherwise (so
 * logs from CI or a pipe stay readable).
 */
final class ConsoleProgress implements Progress {
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private long lastDraw;
    private int lastDecile = -1;
    private String lastMessage = "";

    ConsoleProgress(PrintWriter err) { this.err = err; }

    @Override public synchronized void update(String message, long done, long total) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (tty) {
            if (!finished && now - lastDraw < 100_000_000L) return;
            lastDraw = now;
            err.print("\r" + line(message, done, total) + (finished ? "\n" : ""));
            err.flush();
        } else {
            int decile = total > 0 ? (int) (10 * done / total) : -1;
            // A new task (not just a new file name in the same task) starts its own count of tenths.
            String task = message.split(" ", 2)[0];
            if (!task.equals(lastMessage)) lastDecile = -1;
            lastMessage = task;
            if (decile != lastDecile && total > 0) {
                lastDecile = decile;
                err.println(line(message, done, total));
            }
        }
    }

    static String line(String message, long done, long total) {
        if (total <= 0) return String.format(Locale.ROOT, "%s %d", message, done);
        int width = 30;
        int filled = (int) (width * Math.min(1.0, (double) done / total));
        return String.format(Locale.ROOT, "%-28s [%s%s] %d/%d", message, "#".repeat(filled), ".".repeat(width - filled), done, total);
    }
}
