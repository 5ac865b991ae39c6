package wb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPreferencesTest {

    private final UiPreferences prefs = new UiPreferences(new MemoryPreferences());

    @Test
    void recentDatasetsAreMostRecentFirstWithoutDuplicatesAndAtMostEight(@TempDir Path dir) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 10; i++) folders.add(Files.createDirectories(dir.resolve("ds" + i)));
        for (Path f : folders) prefs.addRecent(f);
        prefs.addRecent(folders.get(5)); // reopening moves it to the top

        List<Path> recent = prefs.recentDatasets();
        assertEquals(UiPreferences.MAX_RECENT, recent.size());
        assertEquals(folders.get(5), recent.get(0));
        assertEquals(folders.get(9), recent.get(1));
        assertEquals(recent.size(), recent.stream().distinct().count());
    }

    @Test
    void foldersThatDisappearedArePruned(@TempDir Path dir) throws IOException {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path gone = Files.createDirectories(dir.resolve("gone"));
        prefs.addRecent(kept);
        prefs.addRecent(gone);
        Files.delete(gone);
        assertEquals(List.of(kept), prefs.recentDatasets());
    }

    @Test
    void themeAndWindowBoundsRoundTrip() {
        assertEquals(Theme.LIGHT, prefs.theme(), "light by default");
        prefs.setTheme(Theme.DARK);
        assertEquals(Theme.DARK, prefs.theme());

        assertTrue(prefs.window().isEmpty());
        prefs.setWindow(new UiPreferences.WindowBounds(10, 20, 1200, 800, true));
        assertEquals(new UiPreferences.WindowBounds(10, 20, 1200, 800, true), prefs.window().orElseThrow());
    }
}
