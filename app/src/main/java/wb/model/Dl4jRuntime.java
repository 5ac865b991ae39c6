package wb.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time DL4J/ND4J settings that every entry point needs, whatever launched the JVM (the launcher
 * script, a test, the GUI, an IDE). DL4J M2.1 reads {@code org.eclipse.deeplearning4j.helpers.disable}
 * (default true) each time a layer is created; without it the oneDNN convolution helpers are off and
 * training is 4-5x slower (../shared/NOTES-DL4J.md). A user's explicit setting is respected.
 */
public final class Dl4jRuntime {
    private static final String HELPERS = "org.eclipse.deeplearning4j.helpers.disable";

    static {
        if (System.getProperty(HELPERS) == null) System.setProperty(HELPERS, "false");
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        // libnd4j's own thread pool (element-wise ops, updaters), separate from oneDNN's OpenMP threads: for measurements.
        Integer threads = Integer.getInteger("wb.nd4j.threads");
        if (threads != null && threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    private Dl4jRuntime() { }

    /** Applies the settings (idempotent; the work happens once, in the static initialiser). */
    public static void init() {
        // class initialisation does the work
    }
}
