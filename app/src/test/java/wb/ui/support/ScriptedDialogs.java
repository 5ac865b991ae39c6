package wb.ui.support;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javafx.stage.Window;

import wb.ui.FileDialogs;

/**
 * Answers the workbench's file and folder dialogs from a script while installed, and records what each screen
 * asked for, so a test can click the real button behind a dialog. A request with no scripted answer fails the
 * test's click instead of opening a native dialog.
 */
public final class ScriptedDialogs implements FileDialogs.Chooser, AutoCloseable {

    private final Deque<List<Path>> answers = new ArrayDeque<>();
    private final List<FileDialogs.Request> requests = new ArrayList<>();
    private final FileDialogs.Chooser previous;

    private ScriptedDialogs() {
        previous = FileDialogs.use(this);
    }

    /** Installs a script with no answers yet. */
    public static ScriptedDialogs install() {
        return new ScriptedDialogs();
    }

    /** The next dialog answers these paths (one for a single choice). */
    public synchronized ScriptedDialogs thenChoose(Path... paths) {
        answers.add(List.of(paths));
        return this;
    }

    /** The next dialog is cancelled. */
    public synchronized ScriptedDialogs thenCancel() {
        answers.add(List.of());
        return this;
    }

    @Override public synchronized List<Path> choose(Window owner, FileDialogs.Request request) {
        requests.add(request);
        if (answers.isEmpty()) throw new AssertionError("unexpected dialog: " + request);
        return answers.poll();
    }

    /** Every request so far, oldest first. */
    public synchronized List<FileDialogs.Request> requests() {
        return List.copyOf(requests);
    }

    /** The latest request. */
    public synchronized FileDialogs.Request last() {
        if (requests.isEmpty()) throw new AssertionError("no dialog was opened");
        return requests.get(requests.size() - 1);
    }

    /** Scripted answers that no dialog used. */
    public synchronized int unused() {
        return answers.size();
    }

    @Override public void close() {
        FileDialogs.use(previous);
    }
}
