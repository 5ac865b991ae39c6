package wb.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SplitterTest {

    private static List<ImageItem> items() {
        List<ImageItem> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) items.add(new ImageItem(Path.of("a", i + ".png"), "a"));
        for (int i = 0; i < 5; i++) items.add(new ImageItem(Path.of("b", i + ".png"), "b"));
        for (int i = 0; i < 2; i++) items.add(new ImageItem(Path.of("c", i + ".png"), "c"));
        items.add(new ImageItem(Path.of("d", "only.png"), "d"));
        return items;
    }

    private static Map<String, Integer> counts(List<ImageItem> items) {
        Map<String, Integer> m = new java.util.TreeMap<>();
        items.forEach(i -> m.merge(i.label(), 1, Integer::sum));
        return m;
    }

    @Test
    void proportionsPerClass() {
        Map<Split, List<ImageItem>> s = Splitter.stratified(items(), 0.2, 0.1, 42);
        assertEquals(Map.of("a", 2, "b", 1, "c", 1), counts(s.get(Split.VALID)));
        assertEquals(Map.of("a", 1, "b", 1), counts(s.get(Split.TEST)));
        assertEquals(Map.of("a", 7, "b", 3, "c", 1, "d", 1), counts(s.get(Split.TRAIN)));
        Set<Path> all = new HashSet<>();
        s.values().forEach(l -> l.forEach(i -> assertTrue(all.add(i.path()), "no item in two splits")));
        assertEquals(18, all.size());
    }

    @Test
    void sameSeedSameSplitWhateverTheInputOrder() {
        List<ImageItem> shuffled = new ArrayList<>(items());
        Collections.shuffle(shuffled, new Random(3));
        Map<Split, List<ImageItem>> a = Splitter.stratified(items(), 0.3, 0.0, 7);
        Map<Split, List<ImageItem>> b = Splitter.stratified(shuffled, 0.3, 0.0, 7);
        assertEquals(a, b);
        Map<Split, List<ImageItem>> other = Splitter.stratified(items(), 0.3, 0.0, 8);
        assertNotEquals(a.get(Split.VALID), other.get(Split.VALID));
    }

    @Test
    void resultIsSortedByPath() {
        List<ImageItem> train = Splitter.stratified(items(), 0.2, 0, 1).get(Split.TRAIN);
        for (int i = 1; i < train.size(); i++) assertTrue(train.get(i - 1).path().compareTo(train.get(i).path()) < 0);
    }
}
