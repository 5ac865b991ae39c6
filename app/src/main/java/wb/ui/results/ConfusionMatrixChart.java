package wb.ui.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import wb.evaluate.ConfusionMatrix;
import wb.ui.support.Fmt;

/**
 * A confusion-matrix heatmap on a canvas (one node however many classes): rows are true classes, columns
 * predicted classes, each cell coloured by its row-normalised value (recall per class) with its count written
 * in it, a tooltip per cell, and a click that reports the cell. Colours come from CSS ({@code -wb-heat-color},
 * {@code -wb-label-color}, {@code -wb-grid-color} on {@code .confusion-matrix}) so the theme applies.
 */
public final class ConfusionMatrixChart extends Region {

    private static final double MIN_CELL = 16;
    private static final double MAX_CELL = 96;
    private static final double AXIS_TITLE = 20;
    private static final double GAP = 6;

    private final Canvas canvas = new Canvas();
    private final Tooltip tooltip = new Tooltip();
    private ConfusionMatrix matrix;
    private double[][] normalised = new double[0][0];
    private int selectedRow = -1;
    private int selectedColumn = -1;
    private int hoverRow = -1;
    private int hoverColumn = -1;
    private BiConsumer<Integer, Integer> onCellClicked = (t, p) -> { };

    // geometry of the last layout
    private double left;
    private double top;
    private double cell;
    private boolean verticalColumnLabels;
    private double labelSpace;
    private ConfusionMatrix measuredFor;
    private Font measuredFont;
    private double measuredWidth;

    public ConfusionMatrixChart() {
        getStyleClass().add("confusion-matrix");
        getChildren().add(canvas);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setShowDuration(Duration.seconds(20));
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        canvas.setOnMouseExited(e -> {
            hoverRow = hoverColumn = -1;
            tooltip.hide();
            draw();
        });
        canvas.setOnMouseClicked(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc != null) onCellClicked.accept(rc[0], rc[1]);
        });
        heatColor.addListener((o, a, b) -> draw());
        labelColor.addListener((o, a, b) -> draw());
        gridColor.addListener((o, a, b) -> draw());
    }

    /** Shows {@code cm}; null clears the chart. */
    public void setMatrix(ConfusionMatrix cm) {
        this.matrix = cm;
        this.normalised = cm == null ? new double[0][0] : ResultsViewModel.rowNormalised(cm);
        selectedRow = selectedColumn = -1;
        requestLayout();
        draw();
    }

    /** Marks a cell as selected (or none with -1). */
    public void setSelected(int trueClass, int predictedClass) {
        selectedRow = trueClass;
        selectedColumn = predictedClass;
        draw();
    }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) {
        this.onCellClicked = handler == null ? (t, p) -> { } : handler;
    }

    /** The centre of a cell in this node's coordinates (for tests and keyboard focus). */
    public Point2D cellCenter(int trueClass, int predictedClass) {
        return new Point2D(left + (predictedClass + 0.5) * cell, top + (trueClass + 0.5) * cell);
    }

    // ---- layout ----

    private int k() {
        return matrix == null ? 0 : matrix.classes().size();
    }

    /** The widest class label (bold), measured once per matrix: layout asks for it on every pass. */
    private double labelWidth(Font font) {
        if (matrix == null) return 0;
        if (measuredFor == matrix && measuredFont == font) return measuredWidth;
        measuredFor = matrix;
        measuredFont = font;
        measuredWidth = measure(font);
        return measuredWidth;
    }

    private double measure(Font font) {
        double w = 0;
        Text t = new Text();
        // Measured in bold: the hovered or selected row's label is drawn bold.
        t.setFont(Font.font(font.getFamily(), FontWeight.BOLD, font.getSize()));
        for (String c : matrix.classes()) {
            t.setText(c);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return Math.min(w, 170);
    }

    @Override protected double computePrefWidth(double height) {
        int k = k();
        return k == 0 ? 200 : AXIS_TITLE + labelWidth(labelFont()) + GAP + k * 44 + 16;
    }

    @Override protected double computePrefHeight(double width) {
        int k = k();
        return k == 0 ? 200 : AXIS_TITLE + labelWidth(labelFont()) + GAP + k * 44 + 16;
    }

    @Override protected double computeMinWidth(double height) {
        int k = k();
        return k == 0 ? 0 : AXIS_TITLE + labelWidth(labelFont()) + GAP + k * MIN_CELL + 8;
    }

    @Override protected double computeMinHeight(double width) {
        return computeMinWidth(-1);
    }

    @Override protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void geometry() {
        int k = k();
        Font font = labelFont();
        double lw = labelWidth(font);
        labelSpace = lw;
        left = AXIS_TITLE + lw + GAP;
        double availableW = getWidth() - left - 8;
        // Column labels are horizontal when every one fits in a cell, otherwise vertical (which needs lw on top).
        double tryCell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.min(availableW, getHeight() - AXIS_TITLE - 22) / Math.max(1, k)));
        verticalColumnLabels = lw > tryCell - 4;
        top = AXIS_TITLE + (verticalColumnLabels ? lw : font.getSize() + 4) + GAP;
        double availableH = getHeight() - top - 8;
        cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.min(availableW, availableH) / Math.max(1, k)));
        // Centre the matrix horizontally in the space left of the labels.
        left += Math.max(0, (availableW - k * cell) / 2);
    }

    // ---- drawing ----

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int k = k();
        if (k == 0) return;
        geometry();
        Color heat = color(heatColor.get(), Color.web("#1e88e5"));
        Color label = color(labelColor.get(), Color.BLACK);
        Color grid = color(gridColor.get(), Color.LIGHTGRAY);
        Font font = labelFont();
        Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
        double size = k * cell;

        // axis titles
        g.setFill(label);
        g.setFont(bold);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Predicted class", left + size / 2, AXIS_TITLE / 2);
        g.save();
        g.translate(left - labelSpace - GAP - AXIS_TITLE / 2, top + size / 2);
        g.rotate(-90);
        g.fillText("True class", 0, 0);
        g.restore();

        // class labels
        g.setFont(font);
        for (int i = 0; i < k; i++) {
            String name = clip(matrix.classes().get(i), 170, font);
            boolean rowMarked = i == selectedRow || i == hoverRow;
            g.setFont(rowMarked ? bold : font);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(name, left - GAP, top + (i + 0.5) * cell);
            boolean colMarked = i == selectedColumn || i == hoverColumn;
            g.setFont(colMarked ? bold : font);
            if (verticalColumnLabels) {
                g.save();
                g.translate(left + (i + 0.5) * cell, top - GAP);
                g.rotate(-90);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(name, 0, 0);
                g.restore();
            } else {
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(name, left + (i + 0.5) * cell, top - GAP - font.getSize() / 2);
            }
        }

        // cells
        boolean counts = cell >= 22;
        Font countFont = Font.font(font.getFamily(), cell >= 40 ? font.getSize() : font.getSize() * 0.85);
        g.setFont(countFont);
        g.setTextAlign(TextAlignment.CENTER);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double x = left + p * cell;
                double y = top + t * cell;
                double v = normalised[t][p];
                int n = matrix.count(t, p);
                if (n > 0) {
                    // A floor on the opacity keeps a single stray prediction visible in a big row.
                    g.setFill(heat.deriveColor(0, 1, 1, 0.10 + 0.90 * v));
                    g.fillRect(x, y, cell, cell);
                }
                g.setStroke(grid);
                g.setLineWidth(1);
                g.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
                if (counts && n > 0) {
                    g.setFill(v > 0.55 ? Color.WHITE : label);
                    g.fillText(n >= 10_000 ? Fmt.compact(n) : Integer.toString(n), x + cell / 2, y + cell / 2);
                }
            }
        }
        // the diagonal outline helps reading big matrices
        if (hoverRow >= 0) outline(g, hoverRow, hoverColumn, label.deriveColor(0, 1, 1, 0.6), 1.5);
        if (selectedRow >= 0 && selectedRow < k && selectedColumn < k) outline(g, selectedRow, selectedColumn, label, 2.5);
    }

    private void outline(GraphicsContext g, int t, int p, Color c, double width) {
        g.setStroke(c);
        g.setLineWidth(width);
        g.strokeRect(left + p * cell + width / 2, top + t * cell + width / 2, cell - width, cell - width);
    }

    private static String clip(String s, double max, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        if (t.getLayoutBounds().getWidth() <= max) return s;
        String cut = s;
        while (cut.length() > 1) {
            cut = cut.substring(0, cut.length() - 1);
            t.setText(cut + "…");
            if (t.getLayoutBounds().getWidth() <= max) return cut + "…";
        }
        return cut;
    }

    private Font labelFont() {
        return Font.getDefault();
    }

    private static Color color(Paint p, Color fallback) {
        return p instanceof Color c ? c : fallback;
    }

    // ---- interaction ----

    private int[] cellAt(double x, double y) {
        int k = k();
        if (k == 0 || cell <= 0) return null;
        int p = (int) Math.floor((x - left) / cell);
        int t = (int) Math.floor((y - top) / cell);
        if (x < left || y < top || p < 0 || t < 0 || p >= k || t >= k) return null;
        return new int[] {t, p};
    }

    private void hover(double x, double y, double screenX, double screenY) {
        int[] rc = cellAt(x, y);
        int r = rc == null ? -1 : rc[0];
        int c = rc == null ? -1 : rc[1];
        if (r != hoverRow || c != hoverColumn) {
            hoverRow = r;
            hoverColumn = c;
            draw();
            if (rc == null) {
                tooltip.hide();
                canvas.setCursor(javafx.scene.Cursor.DEFAULT);
            } else {
                tooltip.setText(describe(r, c));
                tooltip.show(canvas, screenX + 14, screenY + 14);
                canvas.setCursor(javafx.scene.Cursor.HAND);
            }
        }
    }

    private String describe(int t, int p) {
        String tn = matrix.classes().get(t);
        String pn = matrix.classes().get(p);
        int n = matrix.count(t, p);
        int row = matrix.rowTotal(t);
        return "True: " + tn + "\nPredicted: " + pn + "\n" + Fmt.plural(n, "image", "images")
                + (row > 0 ? " (" + Fmt.percent((double) n / row) + " of " + tn + ")" : "")
                + (n > 0 ? "\nClick to see them." : "");
    }

    // ---- CSS ----

    private final StyleableObjectProperty<Paint> heatColor = new SimpleStyleableObjectProperty<>(HEAT, this, "heatColor", Color.web("#1e88e5"));
    private final StyleableObjectProperty<Paint> labelColor = new SimpleStyleableObjectProperty<>(LABEL, this, "labelColor", Color.BLACK);
    private final StyleableObjectProperty<Paint> gridColor = new SimpleStyleableObjectProperty<>(GRID, this, "gridColor", Color.LIGHTGRAY);

    private static final CssMetaData<ConfusionMatrixChart, Paint> HEAT = new CssMetaData<>("-wb-heat-color", StyleConverter.getPaintConverter()) {
        @Override public boolean isSettable(ConfusionMatrixChart n) { return !n.heatColor.isBound(); }
        @Override public StyleableProperty<Paint> getStyleableProperty(ConfusionMatrixChart n) { return n.heatColor; }
    };
    private static final CssMetaData<ConfusionMatrixChart, Paint> LABEL = new CssMetaData<>("-wb-label-color", StyleConverter.getPaintConverter()) {
        @Override public boolean isSettable(ConfusionMatrixChart n) { return !n.labelColor.isBound(); }
        @Override public StyleableProperty<Paint> getStyleableProperty(ConfusionMatrixChart n) { return n.labelColor; }
    };
    private static final CssMetaData<ConfusionMatrixChart, Paint> GRID = new CssMetaData<>("-wb-grid-color", StyleConverter.getPaintConverter()) {
        @Override public boolean isSettable(ConfusionMatrixChart n) { return !n.gridColor.isBound(); }
        @Override public StyleableProperty<Paint> getStyleableProperty(ConfusionMatrixChart n) { return n.gridColor; }
    };
    private static final List<CssMetaData<? extends Styleable, ?>> CSS;

    static {
        List<CssMetaData<? extends Styleable, ?>> l = new ArrayList<>(Region.getClassCssMetaData());
        l.add(HEAT);
        l.add(LABEL);
        l.add(GRID);
        CSS = Collections.unmodifiableList(l);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() { return CSS; }

    @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return CSS; }
}
