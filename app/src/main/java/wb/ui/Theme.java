package wb.ui;

import java.util.List;
import java.util.Objects;

/** The light and dark looks of the workbench: the shared stylesheet plus one palette each. */
public enum Theme {
    LIGHT("Light", "/wb/ui/theme-light.css"),
    DARK("Dark", "/wb/ui/theme-dark.css");

    /** Layout and component styles shared by both themes; they read the palette's looked-up colours. */
    static final String BASE = "/wb/ui/app.css";

    private final String label;
    private final String palette;

    Theme(String label, String palette) {
        this.label = label;
        this.palette = palette;
    }

    public String label() { return label; }

    /** The stylesheet URLs to install on a scene or dialog, palette first. */
    public List<String> stylesheets() {
        return List.of(url(palette), url(BASE));
    }

    private static String url(String resource) {
        return Objects.requireNonNull(Theme.class.getResource(resource), "missing stylesheet " + resource).toExternalForm();
    }
}
