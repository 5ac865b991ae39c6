package wb.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads the native libraries use for the work the calling thread hands them: libnd4j's own loops (a
 * process-wide setting), OpenMP regions the calling thread starts (oneDNN's convolutions; OpenMP keeps this per
 * thread), OpenBLAS (process-wide) and the workbench's own loops inside layers and updaters (per thread).
 */
public final class NativeThreads {
    private NativeThreads() { }

    // The start-up settings, read when this class is first used, before any of its methods changes them
    // (libnd4j 1.0.0-M2.1 ignores setMaxThreads; its loops are bounded by the "master" thread count)
    private static final int ND4J_MASTER = Nd4j.getEnvironment().maxMasterThreads();
    private static final int BLAS = Nd4j.factory().blas().getMaxThreads();

    /** Everything the calling thread starts in the native libraries runs on that thread alone. */
    public static void single() {
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        singleForThisThread();
    }

    /** Only the per-thread part of {@link #single()}: OpenMP regions and the workbench's loops the calling thread starts. */
    public static void singleForThisThread() {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        UpdateWorkers.single(true);
    }

    /** The settings {@link #single()} changed, back to what they were at start-up, for the calling thread. */
    public static void restore(int ompThreads) {
        Nd4j.getEnvironment().setMaxMasterThreads(ND4J_MASTER);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads);
        Nd4j.factory().blas().setMaxThreads(BLAS);
        UpdateWorkers.single(false);
    }

    /** OpenMP's thread count for regions the calling thread starts. */
    public static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
