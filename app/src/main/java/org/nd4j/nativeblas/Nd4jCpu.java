package org.nd4j.nativeblas;

/**
 * Compatibility shim that re-enables DL4J 1.0.0-M2.1's oneDNN (MKLDNN) layer helpers.
 *
 * <p>{@code BaseMKLDNNHelper} checks {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}
 * by reflection, but in M2.1 that class moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and the
 * method became {@code isUseONEDNN()}. Without this class the helpers are silently removed and convolution
 * runs 4-5x slower (see ../shared/NOTES-DL4J.md, section 4). This class answers the old question with the new
 * API. It splits a package, so it works on the class path only (which is how the workbench runs).
 */
public final class Nd4jCpu {
    private Nd4jCpu() { }

    /** Mirrors the pre-M2.1 {@code Environment} singleton that DL4J's helper probes. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() { }

        public static Environment getInstance() { return INSTANCE; }

        /** True when the native backend was built with oneDNN and has it enabled. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> c = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object env = c.getMethod("getInstance").invoke(null);
                return (Boolean) c.getMethod("isUseONEDNN").invoke(env);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false; // not the CPU backend (e.g. CUDA): no oneDNN helpers
            }
        }
    }
}
