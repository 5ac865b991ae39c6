package wb.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ComputeInfoTest {

    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void theCurrentBackendIsQueriedOnceWithoutBlockingTheCaller() throws Exception {
        assertSame(ComputeInfo.current(), ComputeInfo.current(), "one query per JVM");
        ComputeInfo info = ComputeInfo.current().get(120, TimeUnit.SECONDS);
        assertEquals(Runtime.getRuntime().availableProcessors(), info.cores());
        assertEquals(Runtime.getRuntime().maxMemory(), info.maxHeapBytes());
        assertFalse(info.backend().isBlank());
        assertEquals("CPU", info.backend(), "the test class path has the CPU backend only");
        assertTrue(info.summary().startsWith("CPU · "), info.summary());
    }

    @Test
    void summariesNameTheDeviceForAGpuAndTheBlasLibraryForACpu() {
        ComputeInfo gpu = new ComputeInfo("CUDA", "JCublasBackend", "NVIDIA H100 80GB HBM3 (80 GB)", 16, 8 * GB);
        assertTrue(gpu.gpu());
        assertEquals("CUDA · NVIDIA H100 80GB HBM3 (80 GB) · 16 cores · 8.0 GB heap", gpu.summary());

        ComputeInfo cpu = new ComputeInfo("CPU", "CpuBackend", "Intel(R) Xeon(R) Gold · OpenBLAS", 4, 2 * GB);
        assertFalse(cpu.gpu());
        assertEquals("CPU · OpenBLAS · 4 cores · 2.0 GB heap", cpu.summary());

        ComputeInfo none = new ComputeInfo("unavailable", "", "ND4J backend did not load: no natives", 2, GB);
        assertEquals("No compute backend · 2 cores · 1.0 GB heap", none.summary());
    }

    @Test
    void aGpuThatTheCudaBuildHasNoKernelsForIsNamedWithTheReason() {
        // DL4J 1.0.0-M2.1's libnd4jcuda.so carries cubins for 3.7-8.6 and no PTX: an H100 (9.0) cannot run it.
        String h100 = ComputeInfo.cudaProblem("NVIDIA H100 80GB HBM3", 9, 0);
        assertTrue(h100.startsWith("NVIDIA H100 80GB HBM3 has compute capability 9.0"), h100);
        assertTrue(h100.contains("train on the CPU"), h100);
        assertFalse(ComputeInfo.cudaProblem("RTX 5090", 12, 0).isEmpty());
        assertFalse(ComputeInfo.cudaProblem("Tesla K20", 3, 5).isEmpty(), "3.5 is older than the oldest cubin, 3.7");
        assertEquals("", ComputeInfo.cudaProblem("A100", 8, 0));
        assertEquals("", ComputeInfo.cudaProblem("RTX 3090", 8, 6));
        assertEquals("", ComputeInfo.cudaProblem("RTX 4090", 8, 9), "an 8.6 cubin runs on 8.9");
        assertEquals("", ComputeInfo.cudaProblem("Jetson Xavier", 7, 2), "a 7.0 cubin runs on 7.2");
        assertEquals("", ComputeInfo.cudaProblem("Tesla K80", 3, 7));
    }

    @Test
    void theCpuBackendHasNoProblemAndTrainingMayStart() throws Exception {
        ComputeInfo info = ComputeInfo.current().get(120, TimeUnit.SECONDS);
        assertEquals("", info.problem());
        ComputeInfo.requireUsable();
    }
}
