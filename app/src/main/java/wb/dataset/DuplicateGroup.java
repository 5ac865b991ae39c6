package wb.dataset;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Images of a dataset that show the same picture. {@link Kind#IDENTICAL}: the same decoded pixels (copies, or the same
 * image saved again losslessly); {@link Kind#NEAR_IDENTICAL}: the same 256-bit difference hash but other pixels
 * (re-encoded, resized, slightly recoloured). Duplicates across splits inflate validation and test scores (the
 * model has seen the picture); duplicates with different labels are a labelling error in at least one place.
 *
 * @param items the images, in dataset order (train, valid, test; class by class)
 * @param splits the split of each item
 */
public record DuplicateGroup(Kind kind, List<ImageItem> items, List<Split> splits) {

    public enum Kind { IDENTICAL, NEAR_IDENTICAL }

    public DuplicateGroup {
        items = List.copyOf(items);
        splits = List.copyOf(splits);
        if (items.size() < 2 || items.size() != splits.size()) throw new IllegalArgumentException("a group needs 2+ items, each with its split");
    }

    /** The group spans more than one split: a leak between training and evaluation data. */
    public boolean crossesSplits() {
        return new LinkedHashSet<>(splits).size() > 1;
    }

    /** The labelled items disagree on the class. */
    public boolean conflictingLabels() {
        Set<String> labels = new LinkedHashSet<>();
        for (ImageItem i : items) if (i.label() != null) labels.add(i.label());
        return labels.size() > 1;
    }

    /** "same pixels", "near-identical"; with "across splits" and "different labels" when they apply. */
    public String describe() {
        StringBuilder s = new StringBuilder(kind == Kind.IDENTICAL ? "same pixels" : "near-identical");
        if (crossesSplits()) s.append(", across splits");
        if (conflictingLabels()) s.append(", different labels");
        return s.toString();
    }
}
