package wb.ui.support;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.application.HostServices;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Opens files and folders with the desktop's default application. Uses the application's HostServices when the
 * main window provides them; without them (tests, embedded use) it copies the path to the clipboard instead,
 * and says so.
 */
public final class Opener {

    private final HostServices hostServices;

    /** {@code hostServices} may be null. */
    public Opener(HostServices hostServices) {
        this.hostServices = hostServices;
    }

    /** Opens {@code file}; returns a status line describing what happened. */
    public String open(Path file) {
        if (hostServices != null) {
            hostServices.showDocument(file.toUri().toString());
            return "Opened " + file.getFileName();
        }
        copyPath(file);
        return "Copied the path of " + file.getFileName() + " to the clipboard";
    }

    /** Opens the folder that holds {@code file} (or the folder itself). */
    public String reveal(Path file) {
        Path folder = Files.isDirectory(file) ? file : file.toAbsolutePath().getParent();
        if (hostServices != null && folder != null) {
            hostServices.showDocument(folder.toUri().toString());
            return "Opened the folder " + folder;
        }
        copyPath(folder == null ? file : folder);
        return "Copied the folder path to the clipboard";
    }

    public static void copyPath(Path file) {
        ClipboardContent c = new ClipboardContent();
        c.putString(file.toAbsolutePath().toString());
        Clipboard.getSystemClipboard().setContent(c);
    }
}
