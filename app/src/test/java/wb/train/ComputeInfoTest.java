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
}
