package wb.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an importer wrote: the folder, the class folder names in label order, and images per split. */
public record ImportResult(Path out, List<String> classes, Map<Split, Integer> counts) {
    public ImportResult {
        classes = List.copyOf(classes);
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }
}
