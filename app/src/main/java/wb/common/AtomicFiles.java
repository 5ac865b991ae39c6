package wb.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old complete file or the new complete file, never a
 * half-written one: write a temporary sibling, force it to disk, then rename over the target.
 */
public final class AtomicFiles {

    /** Writes the content produced by {@code writer}. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file produced by code that needs a path (a library that saves to a file name). */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path tmp) throws IOException;
    }

    private AtomicFiles() { }

    public static void write(Path target, Writer writer) throws IOException {
        writeVia(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(out);
            }
        });
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static void writeVia(Path target, PathWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // A hidden sibling on the same file system (so the rename is atomic), created with the umask's
        // permissions rather than createTempFile's owner-only ones.
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        boolean done = false;
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }
}
