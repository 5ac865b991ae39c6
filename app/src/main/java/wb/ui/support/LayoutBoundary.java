package wb.ui.support;

import javafx.scene.layout.Region;

/**
 * Holds a part of a screen that changes many times a minute while its size rarely does (live figures, a chart),
 * so that its changes are laid out where they happen. A changed label or chart normally asks every ancestor up to
 * the window for a new layout, and each ancestor then measures its children again, text included (while training,
 * a third of the FX thread's CPU went to layout: docs/benchmarks.md, GUI vs CLI). Here the content is unmanaged, which
 * makes it a layout root: JavaFX lays out only its branch, at the size this boundary gave it. When the content's
 * preferred size does change (a longer figure), the boundary notices after the layout pass and asks its own parent
 * for a layout, so nothing is clipped for longer than a pulse.
 */
public final class LayoutBoundary extends Region {

    private final Region content;
    private final Runnable sizeCheck = this::checkSize;
    private double laidOutPrefWidth = -1;
    private double laidOutPrefHeight = -1;

    public LayoutBoundary(Region content) {
        this.content = content;
        content.setManaged(false);
        getChildren().add(content);
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

    @Override public javafx.geometry.Orientation getContentBias() {
        return content.getContentBias();
    }

    @Override protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        content.resizeRelocate(x, y, Math.max(0, w), Math.max(0, h));
        laidOutPrefWidth = content.prefWidth(-1);
        laidOutPrefHeight = content.prefHeight(-1);
    }

    /** After each layout pass: a content that now wants another size gets a layout of the boundary's parents. */
    private void checkSize() {
        if (laidOutPrefWidth < 0 || !isVisible()) return;
        if (content.prefWidth(-1) != laidOutPrefWidth || content.prefHeight(-1) != laidOutPrefHeight) {
            laidOutPrefWidth = -1;
            requestLayout();
        }
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
