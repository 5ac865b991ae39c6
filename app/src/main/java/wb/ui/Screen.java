package wb.ui;

import javafx.scene.Node;

/** One workflow step of the main window (Data, Augment, Model, Train, Results, Export). */
public interface Screen {

    /** The tab or sidebar title. */
    String title();

    /** The screen's root node, created once. */
    Node root();
}
