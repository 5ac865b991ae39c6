package wb.ui.support;

import java.io.File;
import java.nio.file.Path;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;

/**
 * Drag and drop of files from outside the application, as the platform delivers it: a drag board holding the
 * files, a DRAG_OVER the target must accept, then DRAG_DROPPED. Monocle has no desktop to drag from, so the
 * events are made here and dispatched to the node under the drop point, which sends them through the same
 * handlers (node, parents, scene) a real drop reaches. Call on the FX thread.
 */
public final class Drops {

    private Drops() { }

    /** What happened to a drop. */
    public record Result(TransferMode accepted, boolean completed) { }

    /** Drags {@code files} over the centre of {@code target} and drops them there. */
    public static Result dropFiles(Node target, List<Path> files) {
        Dragboard board = DragboardHelper.createDragboard(new FileBoard(files.stream().map(Path::toFile).toList()));
        DragboardHelper.setDataAccessRestriction(board, false);
        Bounds b = target.getLayoutBounds();
        Point2D screen = target.localToScreen(b.getCenterX(), b.getCenterY());
        Point2D scene = target.localToScene(b.getCenterX(), b.getCenterY());
        DragEvent over = new DragEvent(board, target, DragEvent.DRAG_OVER, board, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                TransferMode.COPY, null, null, null);
        Event.fireEvent(target, over);
        TransferMode accepted = over.getAcceptedTransferMode();
        if (accepted == null) return new Result(null, false);
        DragEvent drop = new DragEvent(board, target, DragEvent.DRAG_DROPPED, board, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                accepted, null, null, null);
        Event.fireEvent(target, drop);
        return new Result(accepted, drop.isDropCompleted());
    }

    /** A drag board with files on it, as a file manager offers them. */
    private static final class FileBoard implements TKClipboard {
        private final Map<DataFormat, Object> content = new HashMap<>();

        FileBoard(List<File> files) {
            content.put(DataFormat.FILES, List.copyOf(files));
        }

        @Override public void setSecurityContext(AccessControlContext ctx) { }
        @Override public Set<DataFormat> getContentTypes() { return content.keySet(); }
        @SafeVarargs @Override public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            for (Pair<DataFormat, Object> p : pairs) content.put(p.getKey(), p.getValue());
            return true;
        }
        @Override public Object getContent(DataFormat f) { return content.get(f); }
        @Override public boolean hasContent(DataFormat f) { return content.containsKey(f); }
        @Override public Set<TransferMode> getTransferModes() { return EnumSet.allOf(TransferMode.class); }
        @Override public void setDragView(Image image) { }
        @Override public void setDragViewOffsetX(double x) { }
        @Override public void setDragViewOffsetY(double y) { }
        @Override public Image getDragView() { return null; }
        @Override public double getDragViewOffsetX() { return 0; }
        @Override public double getDragViewOffsetY() { return 0; }
    }
}
