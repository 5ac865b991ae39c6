package wb.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.nd4j.linalg.factory.Nd4j;

import wb.common.FreeThreads;
import wb.common.UserException;

/**
 * Where training runs: the ND4J backend (CPU or CUDA), the device, the CPU cores and the JVM heap. Front
 * ends show it so a user knows whether the GPU is in use.
 *
 * @param backend      "CPU", "CUDA", or "unavailable" when ND4J's native backend could not load
 * @param backendClass the ND4J backend class, e.g. "CpuBackend"; empty when unavailable
 * @param device       one line: the GPU name and memory, or the CPU model and BLAS library; the error when unavailable
 * @param cores        processors the JVM may use
 * @param maxHeapBytes the JVM's maximum heap ({@code -Xmx})
 * @param problem      why training cannot run on this backend (a GPU that the CUDA build has no kernels for, a
 *                     backend that did not load); empty when it can
 */
public record ComputeInfo(String backend, String backendClass, String device, int cores, long maxHeapBytes, String problem) {

    /**
     * The GPU architectures that DL4J 1.0.0-M2.1's {@code nd4j-cuda-11.6} natives carry machine code for: cubins
     * for compute capability 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6, and no PTX that the driver could
     * compile for a newer GPU (read from the fat binaries in {@code libnd4jcuda.so}; docs/benchmarks.md). A cubin
     * runs on GPUs of the same major version and an equal or higher minor one.
     */
    static final int[][] CUDA_CUBINS = {{3, 7}, {5, 0}, {5, 2}, {6, 0}, {6, 1}, {7, 0}, {7, 5}, {8, 0}, {8, 6}};

    /** A value without a problem. */
    public ComputeInfo(String backend, String backendClass, String device, int cores, long maxHeapBytes) {
        this(backend, backendClass, device, cores, maxHeapBytes, "");
    }

    /** Loading ND4J's natives takes about a second the first time; it happens once, on its own thread. */
    private static final class Holder {
        static final CompletableFuture<ComputeInfo> CURRENT = CompletableFuture.supplyAsync(ComputeInfo::query, runnable -> {
            Thread t = new Thread(runnable, "compute-info");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * The backend of this JVM, queried once on a background thread (the first call starts the query and
     * returns at once). The future never completes exceptionally: a backend that cannot load gives an
     * "unavailable" value whose {@link #device()} says why.
     */
    public static CompletableFuture<ComputeInfo> current() {
        return Holder.CURRENT;
    }

    /** Queries ND4J now, on the calling thread; blocks while the native backend loads. */
    public static ComputeInfo query() {
        int cores = FreeThreads.cores(); // this thread may already be bound to one core by OpenMP
        long heap = Runtime.getRuntime().maxMemory();
        try {
            String backendClass = Nd4j.getBackend().getClass().getSimpleName();
            // ND4J starts its deallocator threads on first use, from whichever thread that is: in the workbench often
            // one that OpenMP has already bound to the first core, which they would then share with the training
            // thread. Started here, from the unbound starter thread, they may run on any core.
            FreeThreads.call(Nd4j::getDeallocatorService);
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String backend = String.valueOf(env.getOrDefault("backend", backendClass.replace("Backend", ""))).toUpperCase(Locale.ROOT);
            boolean cuda = backend.contains("CUDA");
            String device = cuda ? cudaDevice(env) : cpuDevice(env);
            return new ComputeInfo(backend, backendClass, device, cores, heap, cuda ? cudaProblem(env) : "");
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, RuntimeException from the native loader
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String line = "ND4J backend did not load: " + why.lines().findFirst().orElse(why);
            return new ComputeInfo("unavailable", "", line, cores, heap, line);
        }
    }

    /**
     * Throws a {@link UserException} that says why when training cannot run on this JVM's backend, rather
     * than let the first kernel launch fail deep inside ND4J ("no kernel image is available for execution on the
     * device").
     */
    public static void requireUsable() {
        ComputeInfo info = current().join();
        if (!info.problem().isEmpty()) throw new UserException(info.problem());
    }

    /**
     * Why the CUDA build cannot run on a GPU of compute capability {@code major.minor} named {@code name}, or
     * empty when one of {@link #CUDA_CUBINS} runs on it.
     */
    static String cudaProblem(String name, int major, int minor) {
        for (int[] cubin : CUDA_CUBINS) {
            if (cubin[0] == major && cubin[1] <= minor) return "";
        }
        return String.format(Locale.ROOT, "%s has compute capability %d.%d, and DL4J 1.0.0-M2.1's CUDA build has kernels only for "
                + "3.7-8.6 (no PTX to compile for newer GPUs): train on the CPU (the default build, without -P cuda), or use "
                + "a DL4J CUDA build made for this GPU", name, major, minor);
    }

    private static String cudaProblem(Properties env) {
        Map<?, ?> d = firstCudaDevice(env);
        if (d != null && d.get("cuda.deviceMajor") instanceof Number major && d.get("cuda.deviceMinor") instanceof Number minor) {
            Object name = d.get("cuda.deviceName");
            return cudaProblem(name == null ? "This GPU" : name.toString(), major.intValue(), minor.intValue());
        }
        return "";
    }

    /** The first GPU's entry of ND4J's "cuda.devicesInformation", or null. */
    private static Map<?, ?> firstCudaDevice(Properties env) {
        return env.get("cuda.devicesInformation") instanceof List<?> devices && !devices.isEmpty()
                && devices.get(0) instanceof Map<?, ?> first ? first : null;
    }

    /** True when training runs on a GPU. */
    public boolean gpu() {
        return backend.contains("CUDA");
    }

    /** One short line for a status bar, e.g. "CPU · OpenBLAS · 8 cores · 4.0 GB heap". */
    public String summary() {
        String first = "unavailable".equals(backend) ? "No compute backend" : backend;
        String detail = gpu() ? device : blas(device);
        return first + (detail.isEmpty() || "unavailable".equals(backend) ? "" : " · " + detail) + " · " + cores + " cores · "
                + String.format(Locale.ROOT, "%.1f GB heap", maxHeapBytes / (1024.0 * 1024 * 1024));
    }

    private static String blas(String device) {
        int at = device.lastIndexOf(" · ");
        return at < 0 ? device : device.substring(at + 3);
    }

    private static String cudaDevice(Properties env) {
        Map<?, ?> d = firstCudaDevice(env);
        if (d == null) return "CUDA device";
        Object name = d.get("cuda.deviceName");
        String memory = d.get("cuda.totalMemory") instanceof Number n ? String.format(Locale.ROOT, " (%.0f GB)", n.doubleValue() / (1024.0 * 1024 * 1024)) : "";
        int others = ((List<?>) env.get("cuda.devicesInformation")).size() - 1;
        return (name == null ? "CUDA device" : name) + memory + (others > 0 ? " + " + others + " more" : "");
    }

    private static String cpuDevice(Properties env) {
        String blas = String.valueOf(env.getOrDefault("blas.vendor", ""));
        String vendor = switch (blas.toUpperCase(Locale.ROOT)) {
            case "OPENBLAS" -> "OpenBLAS";
            case "MKL" -> "MKL";
            case "" -> "";
            default -> blas;
        };
        String model = cpuModel();
        if (model.isEmpty()) return vendor;
        return vendor.isEmpty() ? model : model + " · " + vendor;
    }

    /** The CPU model name on Linux ("Intel(R) Xeon(R) ..."), else the OS architecture. */
    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                String name = lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip().replaceAll("\\s+", " ")).orElse("");
                if (!name.isEmpty()) return name;
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch", "");
    }
}
