package wb.ui.support;

import static org.junit.jupiter.api.Assertions.*;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A change inside a {@link LayoutBoundary} is laid out inside it: the ancestors are not asked for a layout, unless
 * the content now wants another size, in which case they get one and nothing stays clipped.
 */
class LayoutBoundaryUiTest extends ApplicationTest {

    Label figure;
    HBox row;
    LayoutBoundary boundary;
    VBox column;
    int columnLayouts;
    Label status;
    LayoutBoundary statusBoundary;
    BorderPane root;

    @Override public void start(Stage stage) {
        figure = new Label("812 img/s");
        row = new HBox(8, figure, new Label("Queued batches"));
        boundary = new LayoutBoundary(row);
        status = new Label("Training epoch 1 of 3, batch 9 of 281");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        statusBoundary = new LayoutBoundary(status);
        column = new VBox(4, new Label("above"), statusBoundary, boundary, new Label("below")) {
            @Override protected void layoutChildren() {
                columnLayouts++;
                super.layoutChildren();
            }
        };
        root = new BorderPane(column);
        stage.setScene(new Scene(root, 600, 300));
        stage.show();
    }

    static <T> T fx(java.util.concurrent.Callable<T> c) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c));
    }

    /** Lets the scene run its next pulse. */
    void pulse() {
        WaitForAsyncUtils.waitForFxEvents();
        interact(() -> { });
    }

    @Test
    void aChangeOfTheSameSizeStaysInside() {
        pulse();
        double width = fx(() -> figure.getWidth());
        interact(() -> {
            figure.setText("813 img/s"); // digits have one width in the UI fonts
            assertTrue(row.isNeedsLayout(), "the content is laid out again");
            assertFalse(column.isNeedsLayout(), "the column above the boundary is not");
            assertFalse(root.isNeedsLayout(), "nor the screen's root");
        });
        pulse();
        assertFalse(fx(() -> row.isNeedsLayout()));
        assertEquals(width, fx(() -> figure.getWidth()), 2.0, "the label keeps about its size");
        assertEquals(fx(() -> column.getWidth()), fx(() -> boundary.getWidth()), 0.01,
                "the boundary fills its cell like the row did (fillWidth)");
    }

    @Test
    void aContentThatGrowsGetsRoom() {
        pulse();
        double before = fx(() -> row.prefWidth(-1));
        interact(() -> column.setFillWidth(false)); // the boundary takes the content's preferred width, so growth shows
        pulse();
        interact(() -> figure.setText("1,234,567.8 images per second, a much longer figure"));
        pulse();
        pulse();
        double after = fx(() -> row.prefWidth(-1));
        assertTrue(after > before + 100, before + " -> " + after);
        assertEquals(after, fx(() -> boundary.getWidth()), 1.0, "the boundary grew to the content's new width");
        assertEquals(after, fx(() -> row.getWidth()), 1.0, "and so did the content");
        assertTrue(fx(() -> figure.getWidth() >= figure.prefWidth(-1) - 0.5), "nothing clipped");
        interact(() -> figure.setText("1 img/s"));
        pulse();
        pulse();
        double shrunk = fx(() -> row.prefWidth(-1));
        assertTrue(shrunk < before, shrunk + " vs " + before);
        assertEquals(shrunk, fx(() -> boundary.getWidth()), 1.0, "given just its preferred width, the boundary follows it down too");
    }

    @Test
    void aFigureOfAnotherWidthInARowWithRoomToSpareStaysInside() {
        pulse();
        double rowWidth = fx(() -> row.getWidth());
        int before = fx(() -> columnLayouts);
        interact(() -> figure.setText("1,204.5 img/s"));
        pulse();
        interact(() -> figure.setText("9 img/s"));
        pulse();
        pulse();
        assertEquals(before, fx(() -> columnLayouts), "the column was not laid out again: the row still fits its width");
        assertEquals(rowWidth, fx(() -> row.getWidth()), 0.01, "the row keeps filling the column");
        assertEquals("9 img/s", fx(() -> figure.getText()));
        assertTrue(fx(() -> figure.getWidth() >= figure.prefWidth(-1) - 0.5), "the figure is not clipped");
    }

    @Test
    void aStatusLineThatChangesOnOneLineStaysInside() {
        pulse();
        int before = fx(() -> columnLayouts);
        interact(() -> status.setText("Training epoch 2 of 3, batch 117 of 281"));
        pulse();
        pulse();
        assertEquals(before, fx(() -> columnLayouts));
        assertEquals(fx(() -> column.getWidth()), fx(() -> statusBoundary.getWidth()), 0.01, "the status line spans the column");
    }

    @Test
    void aWrappingLabelThatNeedsMoreLinesGetsTheirHeight() {
        pulse();
        double oneLine = fx(() -> statusBoundary.getHeight());
        interact(() -> status.setText("Measuring epoch 2 on the training sample and the validation set, which takes a while "
                + "because the validation set is large and the model is large too, so this line wraps at 600 pixels."));
        pulse();
        pulse();
        double width = fx(() -> status.getWidth());
        double wanted = fx(() -> status.prefHeight(width));
        assertTrue(wanted > 1.5 * oneLine, "the text now takes more than one line: " + wanted + " vs " + oneLine);
        assertEquals(wanted, fx(() -> status.getHeight()), 0.5, "the label got the height of its lines");
        assertEquals(wanted, fx(() -> statusBoundary.getHeight()), 0.5, "and so did the boundary");
        assertTrue(fx(() -> boundary.getLayoutY() >= statusBoundary.getLayoutY() + wanted), "the row below moved down: no overlap");
    }

    @Test
    void sizesFollowTheContent() {
        pulse();
        interact(() -> {
            assertEquals(row.prefWidth(-1), boundary.prefWidth(-1), 0.01);
            assertEquals(row.prefHeight(-1), boundary.prefHeight(-1), 0.01);
            assertEquals(row.minWidth(-1), boundary.minWidth(-1), 0.01);
            assertFalse(row.isManaged(), "the content is a layout root");
            assertSame(row, boundary.content());
        });
    }
}
