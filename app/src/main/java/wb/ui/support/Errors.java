package wb.ui.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import wb.common.CancelledException;
import wb.common.UserException;

/** Turns exceptions from background work into one line a user can act on (no stack traces in the UI). */
public final class Errors {
    private Errors() { }

    public static String message(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancelledException) return "Cancelled.";
        if (t instanceof UserException || t instanceof IllegalArgumentException) return capitalise(t.getMessage());
        if (t instanceof NoSuchFileException e) return "File not found: " + e.getFile();
        if (t instanceof AccessDeniedException e) return "Permission denied: " + e.getFile();
        if (t instanceof FileAlreadyExistsException e) return "Already exists: " + e.getFile();
        if (t instanceof IOException) return "Could not read or write a file: " + t.getMessage();
        if (t instanceof OutOfMemoryError) return "Out of memory: try a smaller batch size or input size, or give the workbench more memory.";
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** True for a cancellation (which is not an error to show in red). */
    public static boolean isCancellation(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof CancelledException) return true;
            t = t.getCause();
        }
        return false;
    }

    private static String capitalise(String s) {
        if (s == null || s.isEmpty()) return "Something went wrong.";
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
