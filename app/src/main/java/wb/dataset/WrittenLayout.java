package wb.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link DatasetWriter} created: the folder, how files were placed (the weakest mode that was
 * needed), and the number of files per split.
 */
public record WrittenLayout(Path dir, LinkMode mode, Map<Split, Integer> counts) {
    public WrittenLayout {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }
}
