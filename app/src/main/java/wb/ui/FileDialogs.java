package wb.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every file and folder chooser of the workbench goes through here. By default the platform's dialogs answer;
 * {@link #use} puts another {@link Chooser} in their place, so tests can click the real buttons behind a dialog
 * (a native dialog cannot be driven headless) and see what the screen asked for.
 */
public final class FileDialogs {

    /** What kind of dialog a screen asks for. */
    public enum Kind { OPEN_FILE, OPEN_FILES, SAVE_FILE, FOLDER }

    /**
     * One question to the user.
     *
     * @param initialFolder where the dialog starts, or null for the platform's choice
     * @param initialName   the suggested file name of a save dialog, or null
     * @param filters       the file-type filters of a file dialog, first one selected
     */
    public record Request(Kind kind, String title, Path initialFolder, String initialName, List<FileChooser.ExtensionFilter> filters) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
            filters = List.copyOf(filters);
        }
    }

    /** Answers a request: the chosen paths, empty when the user cancelled. Called on the FX thread. */
    @FunctionalInterface
    public interface Chooser {
        List<Path> choose(Window owner, Request request);
    }

    /** The filter of CSV files. */
    public static final FileChooser.ExtensionFilter CSV = new FileChooser.ExtensionFilter("CSV files", "*.csv");

    /** The filter of every image format the workbench decodes. */
    public static final FileChooser.ExtensionFilter IMAGES = new FileChooser.ExtensionFilter("Images",
            wb.dataset.DatasetScanner.IMAGE_EXTENSIONS.stream().sorted().map(e -> "*." + e).toList());

    /** The platform's file and folder dialogs. */
    public static final Chooser SYSTEM = FileDialogs::system;

    private static volatile Chooser chooser = SYSTEM;

    private FileDialogs() { }

    /** Answers every later request with {@code c}; returns the chooser it replaces, to put back afterwards. */
    public static Chooser use(Chooser c) {
        Chooser old = chooser;
        chooser = Objects.requireNonNull(c, "chooser");
        return old;
    }

    /** One existing file. */
    public static Optional<Path> openFile(Window owner, String title, Path initialFolder, FileChooser.ExtensionFilter... filters) {
        return first(ask(owner, new Request(Kind.OPEN_FILE, title, initialFolder, null, List.of(filters))));
    }

    /** Several existing files; empty when cancelled. */
    public static List<Path> openFiles(Window owner, String title, Path initialFolder, FileChooser.ExtensionFilter... filters) {
        return ask(owner, new Request(Kind.OPEN_FILES, title, initialFolder, null, List.of(filters)));
    }

    /** A file to write, with {@code initialName} suggested. */
    public static Optional<Path> saveFile(Window owner, String title, Path initialFolder, String initialName, FileChooser.ExtensionFilter... filters) {
        return first(ask(owner, new Request(Kind.SAVE_FILE, title, initialFolder, initialName, List.of(filters))));
    }

    /** A folder. */
    public static Optional<Path> folder(Window owner, String title, Path initialFolder) {
        return first(ask(owner, new Request(Kind.FOLDER, title, initialFolder, null, List.of())));
    }

    /** The folder a dialog should start in for {@code current}: itself if it is a folder, else its parent, if that exists. */
    public static Path startingPoint(Path current) {
        if (current == null) return null;
        if (Files.isDirectory(current)) return current;
        Path parent = current.toAbsolutePath().getParent();
        return parent != null && Files.isDirectory(parent) ? parent : null;
    }

    private static List<Path> ask(Window owner, Request r) {
        List<Path> answer = chooser.choose(owner, r);
        return answer == null ? List.of() : List.copyOf(answer);
    }

    private static Optional<Path> first(List<Path> paths) {
        return paths.isEmpty() ? Optional.empty() : Optional.of(paths.get(0));
    }

    private static List<Path> system(Window owner, Request r) {
        File start = r.initialFolder() != null && Files.isDirectory(r.initialFolder()) ? r.initialFolder().toFile() : null;
        if (r.kind() == Kind.FOLDER) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle(r.title());
            if (start != null) dc.setInitialDirectory(start);
            File f = dc.showDialog(owner);
            return f == null ? List.of() : List.of(f.toPath());
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(r.title());
        if (start != null) fc.setInitialDirectory(start);
        if (r.initialName() != null) fc.setInitialFileName(r.initialName());
        fc.getExtensionFilters().addAll(r.filters());
        switch (r.kind()) {
            case OPEN_FILES -> {
                List<File> fs = fc.showOpenMultipleDialog(owner);
                return fs == null ? List.of() : fs.stream().map(File::toPath).toList();
            }
            case SAVE_FILE -> {
                File f = fc.showSaveDialog(owner);
                return f == null ? List.of() : List.of(f.toPath());
            }
            default -> {
                File f = fc.showOpenDialog(owner);
                return f == null ? List.of() : List.of(f.toPath());
            }
        }
    }
}
