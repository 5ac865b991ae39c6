package wb.ui.support;

import javafx.geometry.Orientation;
import javafx.scene.layout.Region;

/**
 * Holds a part of a screen that changes many times a minute while its size rarely does (live figures, a chart),
 * so that its changes are laid out where they happen. A changed label or chart normally asks every ancestor up to
 * the window for a new layout, and each ancestor then measures its children again, text included (while training,
 * a third of the FX thread's CPU went to layout: docs/benchmarks.md, GUI vs CLI). Here the content is unmanaged, which
 * makes it a layout root: JavaFX lays out only its branch, at the size this boundary gave it. When the content's
 * preferred size does change in a way its parent would act on, the boundary notices after the layout pass and asks its
 * own parent for a layout, so nothing is clipped for longer than a pulse. A figure that gets a digit longer or
 * shorter in a row that fills its column, with room to spare, does not change what the parent would do, and the
 * window is not laid out again for it.
 */
public final class LayoutBoundary extends Region {

    private final Region content;
    private final Runnable sizeCheck = this::checkSize;
    private double laidOutPrefWidth = -1;
    private double laidOutPrefHeight = -1;
    private double laidOutWidth;
    /** True once the content has been laid out again since the last size check. */
    private boolean contentChanged;

    public LayoutBoundary(Region content) {
        this.content = content;
        content.setManaged(false);
        getChildren().add(content);
        content.needsLayoutProperty().addListener((o, was, needs) -> {
            if (needs) contentChanged = true;
        });
        sceneProperty().addListener((o, old, now) -> {
            if (old != null) old.removePostLayoutPulseListener(sizeCheck);
            if (now != null) now.addPostLayoutPulseListener(sizeCheck);
        });
    }

    public Region content() {
        return content;
    }

    @Override protected double computeMinWidth(double height) { return outerWidth(content.minWidth(innerHeight(height))); }
    @Override protected double computePrefWidth(double height) { return outerWidth(content.prefWidth(innerHeight(height))); }
    @Override protected double computeMaxWidth(double height) { return outerWidth(content.maxWidth(innerHeight(height))); }
    @Override protected double computeMinHeight(double width) { return outerHeight(content.minHeight(innerWidth(width))); }
    @Override protected double computePrefHeight(double width) { return outerHeight(content.prefHeight(innerWidth(width))); }
    @Override protected double computeMaxHeight(double width) { return outerHeight(content.maxHeight(innerWidth(width))); }

    @Override public Orientation getContentBias() {
        return content.getContentBias();
    }

    @Override protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        laidOutWidth = Math.max(0, w);
        content.resizeRelocate(x, y, laidOutWidth, Math.max(0, h));
        laidOutPrefWidth = content.prefWidth(-1);
        laidOutPrefHeight = prefHeightAt(laidOutWidth);
        contentChanged = false;
    }

    /**
     * After each layout pass in which the content was laid out: a content that now wants a size its parent would give
     * differently gets a layout of the boundary's parents. One that was given more width than it wanted (a row that
     * fills its column) asks only when it no longer fits; one given its preferred width or less asks whenever that
     * changes, as it would without the boundary.
     */
    private void checkSize() {
        if (!contentChanged || laidOutPrefWidth < 0 || !isVisible()) return;
        contentChanged = false;
        double prefWidth = content.prefWidth(-1);
        boolean roomToSpare = laidOutWidth > laidOutPrefWidth + 0.5;
        boolean wraps = content.getContentBias() == Orientation.HORIZONTAL;
        boolean widthMatters = roomToSpare
                ? (wraps ? content.minWidth(-1) : prefWidth) > laidOutWidth + 0.5
                : prefWidth != laidOutPrefWidth;
        if (widthMatters || prefHeightAt(laidOutWidth) != laidOutPrefHeight) {
            laidOutPrefWidth = -1;
            requestLayout();
        }
    }

    /** The height the content wants at {@code width}: a wrapping content's depends on it. */
    private double prefHeightAt(double width) {
        return content.getContentBias() == Orientation.HORIZONTAL ? content.prefHeight(width) : content.prefHeight(-1);
    }

    private double outerWidth(double contentWidth) {
        return snappedLeftInset() + contentWidth + snappedRightInset();
    }

    private double outerHeight(double contentHeight) {
        return snappedTopInset() + contentHeight + snappedBottomInset();
    }

    private double innerHeight(double height) {
        return height < 0 ? height : Math.max(0, height - snappedTopInset() - snappedBottomInset());
    }

    private double innerWidth(double width) {
        return width < 0 ? width : Math.max(0, width - snappedLeftInset() - snappedRightInset());
    }
}
