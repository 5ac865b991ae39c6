package wb.ui;

import javafx.application.Application;

import wb.common.FreeThreads;

/**
 * Starts the workbench window. A plain class (not an {@link Application}) so that JavaFX loaded from the
 * class path starts without the module-path check that an {@code Application} main class triggers.
 * The optional first argument is a dataset folder to open at start.
 */
public final class Launcher {

    private Launcher() { }

    public static void main(String[] args) {
        FreeThreads.init(); // before any native library: see FreeThreads
        Application.launch(WorkbenchApp.class, args);
    }
}
