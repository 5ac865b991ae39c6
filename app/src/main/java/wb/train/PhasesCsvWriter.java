package wb.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code phases.csv}: one row per training phase with its first epoch, so a finished run's curves
 * can be marked where fine-tuning began. A resumed run does not repeat a phase already recorded.
 */
public final class PhasesCsvWriter implements TrainingObserver {

    public static final String HEADER = "first_epoch,phase";

    /** One recorded phase start. */
    public record Mark(int firstEpoch, String name) { }

    private final Path file;

    public PhasesCsvWriter(Path file) { this.file = file; }

    @Override public void onStart(RunStart start) {
        try {
            if (start.firstEpoch() == 1) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override public void onPhase(String name, int firstEpoch) {
        try {
            Mark mark = new Mark(firstEpoch, name);
            if (Files.exists(file) && read(file).contains(mark)) return;
            String text = (Files.exists(file) ? "" : HEADER + "\n") + firstEpoch + "," + name + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the phases back in order (an empty list when the run had none). */
    public static List<Mark> read(Path file) throws IOException {
        List<Mark> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) continue;
            int comma = line.indexOf(',');
            out.add(new Mark(Integer.parseInt(line.substring(0, comma)), line.substring(comma + 1)));
        }
        return out;
    }
}
