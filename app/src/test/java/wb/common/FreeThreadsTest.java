package wb.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class FreeThreadsTest {

    @Test
    void eachLoopRunsOnItsOwnNamedDaemonThreadAtTheSameTime() throws Exception {
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch allRunning = new CountDownLatch(3);
        ExecutorService pool = FreeThreads.startLoops(3, "loop", () -> {
            names.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "" : " (not daemon)"));
            allRunning.countDown();
            try {
                allRunning.await(); // a loop holds its thread, as the data loader's do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(allRunning.await(10, TimeUnit.SECONDS), "three loops run at once");
            assertEquals(Set.of("loop-1", "loop-2", "loop-3"), names);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallerThatIsInterruptedStillGetsItsPoolAndKeepsTheFlag() throws Exception {
        Thread.currentThread().interrupt();
        ExecutorService pool = FreeThreads.fixedPool(2, "kept");
        assertTrue(Thread.interrupted(), "the interrupt is restored for the caller");
        try {
            assertEquals("done", pool.submit(() -> "done").get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The reason for the class: a thread bound to one core (as OpenMP binds the training thread) starts loader
     * threads that may still run on every core. Binds this test's thread with {@code taskset}, on Linux with two
     * or more processors.
     */
    @Test
    void threadsStartedForABoundThreadMayRunOnEveryCore() throws Exception {
        Path self = Path.of("/proc/thread-self");
        assumeTrue(Files.exists(self) && FreeThreads.cores() >= 2 && Files.isExecutable(Path.of("/usr/bin/taskset")),
                "needs Linux, taskset and two processors");
        FreeThreads.init();
        String all = cpusAllowed();
        String tid = self.toRealPath().getFileName().toString();
        assertEquals(0, run("/usr/bin/taskset", "-cp", "0", tid));
        try {
            assertEquals("0", cpusAllowed(), "the test thread is bound");
            AtomicReference<String> plain = new AtomicReference<>();
            Thread t = new Thread(() -> plain.set(cpusAllowedOrError()));
            t.start();
            t.join();
            assertEquals("0", plain.get(), "a thread it starts itself inherits the binding");

            ExecutorService pool = FreeThreads.fixedPool(1, "free");
            try {
                assertEquals(all, pool.submit(FreeThreadsTest::cpusAllowed).get(10, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }

            // A library that starts threads of its own (ND4J's deallocator service) is called through call().
            AtomicReference<String> library = new AtomicReference<>();
            FreeThreads.call(() -> {
                Thread service = new Thread(() -> library.set(cpusAllowedOrError()));
                service.start();
                service.join();
                return null;
            });
            assertEquals(all, library.get(), "a thread started inside call() may run on every core");
        } finally {
            run("/usr/bin/taskset", "-cp", all, tid);
        }
        assertEquals(all, cpusAllowed());
    }

    private static String cpusAllowed() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/status"));
        return lines.stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().substring(18).strip();
    }

    private static String cpusAllowedOrError() {
        try {
            return cpusAllowed();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
