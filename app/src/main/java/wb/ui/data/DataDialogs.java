package wb.ui.data;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import javafx.util.StringConverter;

import wb.dataset.IdxImporter;
import wb.dataset.ImportOptions;
import wb.dataset.Split;
import wb.ui.Dialogs;
import wb.ui.FileDialogs;
import wb.ui.data.DataViewModel.CifarFiles;
import wb.ui.data.DataViewModel.CifarRequest;
import wb.ui.data.DataViewModel.IdxFiles;
import wb.ui.data.DataViewModel.IdxRequest;
import wb.ui.data.DataViewModel.SampleRequest;
import wb.ui.data.DataViewModel.SplitRequest;

/** The forms of the Data screen's actions: split, sample and the two importers. */
final class DataDialogs {

    private DataDialogs() { }

    static Optional<SplitRequest> split(Window owner, DataViewModel vm) {
        int labelled = vm.labelledCount(Split.TRAIN);
        Form form = new Form();
        TextField out = form.folder("Output folder", vm.suggestedSplitFolder(), owner, "must be new or empty");
        Spinner<Integer> valid = form.percent("Validation", 5, 50, 20);
        Spinner<Integer> test = form.percent("Test", 0, 40, 0);
        Spinner<Integer> seed = form.seed(42);
        Label estimate = form.note("");
        estimate.textProperty().bind(Bindings.createStringBinding(() -> {
            double v = valid.getValue() / 100.0;
            double t = test.getValue() / 100.0;
            long nv = Math.round(labelled * v);
            long nt = Math.round(labelled * t);
            return "About " + DataViewModel.count(labelled - nv - nt) + " train, " + DataViewModel.count(nv) + " valid"
                    + (nt > 0 ? ", " + DataViewModel.count(nt) + " test" : "") + " images, stratified per class. "
                    + "Files are linked, not copied; the original folder is not changed.";
        }, valid.valueProperty(), test.valueProperty()));
        BooleanBinding invalid = Bindings.createBooleanBinding(
                () -> !Form.isNewOrEmpty(out.getText()) || valid.getValue() + test.getValue() >= 90, out.textProperty(), valid.valueProperty(), test.valueProperty());
        return form.show(owner, "Split into train and validation", "Split " + DataViewModel.count(labelled)
                        + " labelled images into train/ and valid/ folders", "Split", invalid,
                () -> new SplitRequest(Path.of(out.getText().strip()), valid.getValue() / 100.0, test.getValue() / 100.0, seed.getValue()));
    }

    static Optional<SampleRequest> sample(Window owner, DataViewModel vm) {
        int train = vm.labelledCount(Split.TRAIN);
        int validCount = vm.labelledCount(Split.VALID);
        Form form = new Form();
        TextField out = form.folder("Output folder", vm.suggestedSampleFolder(), owner, "must be new or empty");
        Spinner<Integer> nTrain = form.integer("Training images", 1, train, Math.min(200, train));
        Spinner<Integer> nValid = form.integer("Validation images", 0, validCount, Math.min(50, validCount));
        Spinner<Integer> seed = form.seed(42);
        form.note("A small stratified subset for fast experiments (fast.ai's dogscats sample used 200 + 50). "
                + "Files are linked, not copied.");
        BooleanBinding invalid = Bindings.createBooleanBinding(() -> !Form.isNewOrEmpty(out.getText()), out.textProperty());
        return form.show(owner, "Make sample set", "Make a quick-experiment sample of " + vm.titleProperty().get(), "Make sample", invalid,
                () -> new SampleRequest(Path.of(out.getText().strip()), nTrain.getValue(), nValid.getValue(), seed.getValue()));
    }

    static Optional<IdxRequest> importIdx(Window owner) {
        Form form = new Form();
        TextField trainImages = form.file("Train images", owner);
        TextField trainLabels = form.file("Train labels", owner);
        TextField testImages = form.file("Test images", owner);
        TextField testLabels = form.file("Test labels", owner);
        ChoiceBox<String> classes = new ChoiceBox<>();
        classes.getItems().addAll("Fashion-MNIST (10 clothing classes)", "MNIST digits (0-9)");
        classes.getSelectionModel().select(0);
        form.row("Classes", classes);
        TextField out = form.outputFolder("Output folder", owner);
        Options options = form.importOptions(1 / 6.0);
        form.sourceFolder("Find files in…", owner, folder -> {
            IdxFiles found = DataViewModel.findIdx(folder);
            set(trainImages, found.trainImages());
            set(trainLabels, found.trainLabels());
            set(testImages, found.testImages());
            set(testLabels, found.testLabels());
            classes.getSelectionModel().select(DataViewModel.guessIdxClasses(folder) == IdxImporter.FASHION_MNIST_CLASSES ? 0 : 1);
            if (out.getText().isBlank()) out.setText(DataViewModel.unused(folder.toAbsolutePath().resolveSibling(folder.getFileName() + "-images")).toString());
        });
        form.note("Choose the folder with the four files (train-images-idx3-ubyte.gz, …) to fill them in. "
                + "The test set is written as unlabelled test/<id>.png with an answer key.");
        BooleanBinding invalid = Bindings.createBooleanBinding(() -> !Form.isFile(trainImages.getText()) || !Form.isFile(trainLabels.getText())
                        || (options.testCount() != 0 && (!Form.isFile(testImages.getText()) || !Form.isFile(testLabels.getText())))
                        || !Form.isNewOrEmpty(out.getText()),
                trainImages.textProperty(), trainLabels.textProperty(), testImages.textProperty(), testLabels.textProperty(),
                out.textProperty(), options.test().valueProperty(), options.allTest().selectedProperty());
        return form.show(owner, "Import MNIST / Fashion-MNIST", "Import IDX files as a folder of PNG images", "Import", invalid, () -> {
            List<String> names = classes.getSelectionModel().getSelectedIndex() == 0 ? IdxImporter.FASHION_MNIST_CLASSES : IdxImporter.MNIST_CLASSES;
            boolean withTest = options.testCount() != 0;
            IdxFiles files = new IdxFiles(Path.of(trainImages.getText().strip()), Path.of(trainLabels.getText().strip()),
                    withTest ? Path.of(testImages.getText().strip()) : null, withTest ? Path.of(testLabels.getText().strip()) : null);
            return new IdxRequest(files, names, Path.of(out.getText().strip()), options.build());
        });
    }

    static Optional<CifarRequest> importCifar(Window owner) {
        Form form = new Form();
        Label found = new Label("Choose the cifar-10-batches-bin folder");
        found.getStyleClass().add("muted");
        CifarFiles[] files = {new CifarFiles(List.of(), null)};
        TextField[] out = new TextField[1];
        form.sourceFolder("Batches folder", owner, folder -> {
            files[0] = DataViewModel.findCifar(folder);
            found.setText(files[0].trainBatches().isEmpty() ? "No data_batch_N.bin files in this folder"
                    : files[0].trainBatches().size() + " training batches" + (files[0].testBatch() != null ? " and test_batch.bin" : ", no test batch"));
            if (out[0].getText().isBlank()) out[0].setText(DataViewModel.unused(folder.toAbsolutePath().resolveSibling("cifar10-images")).toString());
        });
        form.row("", found);
        out[0] = form.outputFolder("Output folder", owner);
        Options options = form.importOptions(0.2);
        form.note("The binary version of CIFAR-10 (data_batch_1.bin … data_batch_5.bin, test_batch.bin). "
                + "Class names come from batches.meta.txt when present.");
        BooleanBinding invalid = Bindings.createBooleanBinding(() -> files[0].trainBatches().isEmpty()
                        || (options.testCount() != 0 && files[0].testBatch() == null) || !Form.isNewOrEmpty(out[0].getText()),
                found.textProperty(), out[0].textProperty(), options.test().valueProperty(), options.allTest().selectedProperty());
        return form.show(owner, "Import CIFAR-10", "Import CIFAR-10 binary batches as a folder of PNG images", "Import", invalid,
                () -> new CifarRequest(options.testCount() == 0 ? new CifarFiles(files[0].trainBatches(), null) : files[0],
                        Path.of(out[0].getText().strip()), options.build()));
    }

    private static void set(TextField field, Path p) {
        field.setText(p == null ? "" : p.toString());
    }

    /** The options every importer shares. */
    private record Options(Spinner<Integer> limit, Spinner<Integer> valid, Spinner<Integer> test, CheckBox allTest, Spinner<Integer> seed) {
        int testCount() {
            return allTest.isSelected() ? -1 : test.getValue();
        }

        ImportOptions build() {
            return new ImportOptions(limit.getValue(), valid.getValue() / 100.0, testCount(), seed.getValue());
        }
    }

    /** A two-column form in a dialog, with folder and file pickers and a result that is built only when valid. */
    private static final class Form {
        private final GridPane grid = new GridPane();
        private int row;

        Form() {
            grid.getStyleClass().add("form");
            grid.setHgap(12);
            grid.setVgap(10);
            grid.setPadding(new Insets(6, 4, 4, 4));
            ColumnConstraints labels = new ColumnConstraints();
            labels.setHalignment(HPos.RIGHT);
            labels.setMinWidth(130);
            ColumnConstraints fields = new ColumnConstraints();
            fields.setHgrow(Priority.ALWAYS);
            fields.setMinWidth(360);
            grid.getColumnConstraints().addAll(labels, fields);
        }

        void row(String label, Node field) {
            Label l = new Label(label);
            l.getStyleClass().add("form-label");
            grid.addRow(row++, l, field);
        }

        TextField folder(String label, Path suggested, Window owner, String hint) {
            TextField f = new TextField(suggested.toString());
            f.setPromptText(hint);
            // A chosen non-empty folder is taken as the place to put the suggested folder in.
            chooserRow(label, f, () -> chooseFolder(label, f, owner), p -> isNewOrEmpty(p.toString()) ? p
                    : DataViewModel.unused(p.resolve(suggested.getFileName())));
            return f;
        }

        /** A folder for new output: a chosen non-empty folder gets an unused "images" folder inside it. */
        TextField outputFolder(String label, Window owner) {
            TextField f = new TextField();
            f.setPromptText("a new or empty folder");
            chooserRow(label, f, () -> chooseFolder(label, f, owner), p -> isNewOrEmpty(p.toString()) ? p
                    : DataViewModel.unused(p.resolve("images")));
            return f;
        }

        TextField file(String label, Window owner) {
            TextField f = new TextField();
            f.setPromptText("IDX file (.gz or raw)");
            chooserRow(label, f, () -> FileDialogs.openFile(owner, label, parentOf(f.getText())).orElse(null), p -> p);
            return f;
        }

        /** A folder chooser that starts next to the field's current value; null when cancelled. */
        private Path chooseFolder(String title, TextField f, Window owner) {
            return FileDialogs.folder(owner, title, parentOf(f.getText())).orElse(null);
        }

        /** A form row: the field, and a "Choose…" button whose choice (mapped) fills the field. */
        private void chooserRow(String label, TextField f, java.util.function.Supplier<Path> chooser,
                                java.util.function.UnaryOperator<Path> map) {
            Button choose = new Button("Choose…");
            choose.setOnAction(e -> {
                Path chosen = chooser.get();
                if (chosen != null) f.setText(map.apply(chosen).toString());
            });
            HBox box = new HBox(8, f, choose);
            HBox.setHgrow(f, Priority.ALWAYS);
            row(label, box);
        }

        /** A folder picker placed first in the form that fills in other fields from what it finds. */
        TextField sourceFolder(String label, Window owner, java.util.function.Consumer<Path> onChosen) {
            TextField f = new TextField();
            f.setPromptText("the downloaded folder");
            f.setEditable(false);
            Button choose = new Button("Choose…");
            choose.setDefaultButton(false);
            choose.setOnAction(e -> FileDialogs.folder(owner, label, null).ifPresent(dir -> {
                f.setText(dir.toString());
                onChosen.accept(dir);
            }));
            HBox box = new HBox(8, f, choose);
            HBox.setHgrow(f, Priority.ALWAYS);
            Label l = new Label(label);
            l.getStyleClass().add("form-label");
            grid.getChildren().forEach(n -> GridPane.setRowIndex(n, GridPane.getRowIndex(n) + 1));
            grid.addRow(0, l, box);
            row++;
            return f;
        }

        Spinner<Integer> integer(String label, int min, int max, int value) {
            Spinner<Integer> s = new Spinner<>(min, Math.max(min, max), Math.max(min, Math.min(max, value)));
            s.setEditable(true);
            s.setPrefWidth(130);
            commitOnFocusLoss(s);
            row(label, s);
            return s;
        }

        Spinner<Integer> percent(String label, int min, int max, int value) {
            Spinner<Integer> s = new Spinner<>();
            SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value, 5);
            f.setConverter(new StringConverter<>() {
                @Override public String toString(Integer v) { return v == null ? "" : v + " %"; }
                @Override public Integer fromString(String s) {
                    try {
                        return Integer.parseInt(s.replace("%", "").strip());
                    } catch (NumberFormatException e) {
                        return f.getValue();
                    }
                }
            });
            s.setValueFactory(f);
            s.setEditable(true);
            s.setPrefWidth(130);
            commitOnFocusLoss(s);
            row(label, s);
            return s;
        }

        Spinner<Integer> seed(int value) {
            return integer("Random seed", 0, Integer.MAX_VALUE, value);
        }

        Options importOptions(double validFraction) {
            Spinner<Integer> limit = integer("Images per class", 0, 1_000_000, 0);
            limit.setTooltip(new javafx.scene.control.Tooltip("0 keeps every image; a smaller number takes a seeded random subset"));
            Spinner<Integer> valid = percent("Validation", 0, 50, (int) Math.round(validFraction * 100));
            Spinner<Integer> test = new Spinner<>(0, 1_000_000, 0, 100);
            test.setEditable(true);
            test.setPrefWidth(130);
            commitOnFocusLoss(test);
            CheckBox all = new CheckBox("all");
            test.disableProperty().bind(all.selectedProperty());
            HBox testBox = new HBox(12, test, all);
            testBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            row("Test images", testBox);
            Spinner<Integer> seed = seed(2017);
            note("Images per class: 0 keeps all. Test images: 0 writes no test set.");
            return new Options(limit, valid, test, all, seed);
        }

        Label note(String text) {
            Label l = new Label(text);
            l.setWrapText(true);
            l.setMaxWidth(480);
            l.getStyleClass().add("muted");
            grid.add(l, 1, row++);
            return l;
        }

        <R> Optional<R> show(Window owner, String title, String header, String action, ObservableValue<Boolean> invalid, Supplier<R> result) {
            Dialog<R> d = Dialogs.styled(new Dialog<>(), owner);
            d.setTitle(title);
            d.setHeaderText(header);
            ButtonType ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
            d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
            d.getDialogPane().setContent(grid);
            d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(invalid::getValue, invalid));
            d.setResultConverter(b -> b == ok ? result.get() : null);
            return d.showAndWait();
        }

        private static void commitOnFocusLoss(Spinner<Integer> s) {
            s.focusedProperty().addListener((o, was, is) -> {
                if (!is) s.increment(0); // commits typed text, which Spinner otherwise drops on focus loss
            });
        }

        static boolean isNewOrEmpty(String text) {
            Path p = path(text);
            if (p == null) return false;
            if (!Files.exists(p)) return p.getParent() != null;
            if (!Files.isDirectory(p)) return false;
            try (var s = Files.list(p)) {
                return s.findAny().isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        }

        static boolean isFile(String text) {
            Path p = path(text);
            return p != null && Files.isRegularFile(p);
        }

        private static Path parentOf(String text) {
            Path p = path(text);
            while (p != null && !Files.isDirectory(p)) p = p.getParent();
            return p;
        }

        private static Path path(String text) {
            if (text == null || text.isBlank()) return null;
            try {
                return Path.of(text.strip()).toAbsolutePath();
            } catch (InvalidPathException e) {
                return null;
            }
        }
    }
}
