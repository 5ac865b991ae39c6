package wb.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import wb.common.UserException;

/** Styled alerts and dialogs that follow the main window's theme. */
public final class Dialogs {

    private Dialogs() { }

    /** Gives {@code dialog} the owner's stylesheets and owner, so it matches the theme and centres on it. */
    public static <D extends Dialog<?>> D styled(D dialog, Window owner) {
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().getStyleClass().add("wb-dialog");
        return dialog;
    }

    /**
     * Shows an error. A {@link UserException} is shown as its one-line message; anything else also gets
     * its stack trace in an expandable area for bug reports.
     */
    public static void error(Window owner, String header, Throwable error) {
        Alert alert = styled(new Alert(Alert.AlertType.ERROR), owner);
        alert.setTitle("Image Workbench");
        alert.setHeaderText(header);
        Label text = new Label(Jobs.message(error));
        text.setWrapText(true);
        // A wrapping label still asks for its one-line width; fix the width so long messages wrap.
        text.setPrefWidth(480);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setContent(text);
        javafx.scene.layout.Region icon = Icons.ERROR.node(32);
        icon.getStyleClass().add("severity-error");
        alert.setGraphic(icon);
        if (!(error instanceof UserException) && !(error.getCause() instanceof UserException)) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            TextArea area = new TextArea(trace.toString());
            area.setEditable(false);
            area.getStyleClass().add("mono");
            area.setPrefRowCount(14);
            VBox.setVgrow(area, Priority.ALWAYS);
            alert.getDialogPane().setExpandableContent(new VBox(6, new Label("Details for a bug report:"), area));
        }
        alert.show();
    }

    /** Asks whether to open a newly written dataset folder; true when the user chose to open it. */
    public static boolean confirmOpen(Window owner, String header, String body) {
        Alert alert = styled(new Alert(Alert.AlertType.INFORMATION), owner);
        alert.setTitle("Image Workbench");
        alert.setHeaderText(header);
        Label text = new Label(body);
        text.setWrapText(true);
        text.setPrefWidth(480);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setContent(text);
        javafx.scene.layout.Region icon = Icons.OK.node(32);
        icon.getStyleClass().add("severity-ok");
        alert.setGraphic(icon);
        ButtonType open = new ButtonType("Open dataset", ButtonBar.ButtonData.OK_DONE);
        ButtonType later = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(later, open);
        Optional<ButtonType> choice = alert.showAndWait();
        return choice.isPresent() && choice.get() == open;
    }
}
