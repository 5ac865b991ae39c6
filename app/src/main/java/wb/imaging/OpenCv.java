package wb.imaging;

/** Loads OpenCV's native library once per JVM. */
final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() { }

    static void load() {
        if (loaded) return;
        synchronized (OpenCv.class) {
            if (!loaded) {
                // loadShared() logs SEVERE on Java >= 12 and then falls back to this anyway.
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
            }
        }
    }
}
