package wb.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the workbench remembers between sessions: the theme, the window's bounds and the recently opened
 * datasets. Stored with {@link Preferences} under the node {@code wb/ui}; tests pass an in-memory node.
 */
public final class UiPreferences {

    /** How many recent datasets are kept. */
    public static final int MAX_RECENT = 8;

    private static final String THEME = "theme";
    private static final String RECENT = "recent.";
    private static final String WINDOW = "window.";

    /** A window's normal (not maximised) bounds and whether it was maximised. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) { }

    private final Preferences node;

    public UiPreferences(Preferences node) {
        this.node = node;
    }

    /** The current user's preferences ({@code wb/ui}). */
    public static UiPreferences user() {
        return new UiPreferences(Preferences.userRoot().node("wb/ui"));
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme theme) {
        node.put(THEME, theme.name());
        flush();
    }

    /** The saved window bounds, if any were saved and they are sane. */
    public Optional<WindowBounds> window() {
        double w = node.getDouble(WINDOW + "width", -1);
        double h = node.getDouble(WINDOW + "height", -1);
        if (w < 200 || h < 150) return Optional.empty();
        return Optional.of(new WindowBounds(node.getDouble(WINDOW + "x", 0), node.getDouble(WINDOW + "y", 0), w, h,
                node.getBoolean(WINDOW + "maximized", false)));
    }

    public void setWindow(WindowBounds b) {
        node.putDouble(WINDOW + "x", b.x());
        node.putDouble(WINDOW + "y", b.y());
        node.putDouble(WINDOW + "width", b.width());
        node.putDouble(WINDOW + "height", b.height());
        node.putBoolean(WINDOW + "maximized", b.maximized());
        flush();
    }

    /**
     * The recently opened dataset folders, most recent first, at most {@link #MAX_RECENT}. Folders that no
     * longer exist are dropped (and forgotten).
     */
    public List<Path> recentDatasets() {
        List<Path> stored = readRecent();
        List<Path> existing = stored.stream().filter(Files::isDirectory).toList();
        if (existing.size() != stored.size()) writeRecent(existing);
        return existing;
    }

    /** Puts {@code folder} first in the recent list (moving it up if it was already there). */
    public void addRecent(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(readRecent());
        list.remove(abs);
        list.add(0, abs);
        writeRecent(list.stream().filter(Files::isDirectory).limit(MAX_RECENT).toList());
    }

    public void clearRecent() {
        writeRecent(List.of());
    }

    private List<Path> readRecent() {
        List<Path> list = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String s = node.get(RECENT + i, null);
            if (s == null || s.isBlank()) continue;
            try {
                Path p = Path.of(s);
                if (!list.contains(p)) list.add(p);
            } catch (InvalidPathException e) {
                // a value written on another system; skip it
            }
        }
        return list;
    }

    private void writeRecent(List<Path> list) {
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) node.put(RECENT + i, list.get(i).toString());
            else node.remove(RECENT + i);
        }
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Preferences are a convenience: an unwritable store must not break the application.
        }
    }
}
