package wb.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.evaluate.Ensemble;
import wb.evaluate.Predictions;
import wb.model.ModelCard;
import wb.train.Classifier;
import wb.ui.support.Errors;
import wb.ui.support.Fmt;

/**
 * The other runs whose models join the current model in an ensemble. Results evaluates with them and Export predicts
 * the Kaggle test folder with them, so a choice made on one screen holds on the other. The list empties when the
 * current model changes (the runs were checked against its classes). FX thread only.
 */
public final class EnsembleRuns {

    /** The outcome of {@link #add}: a notice kind ("info", "warning", "error") and its sentence. */
    public record Notice(String kind, String message) {
        public boolean added() { return "info".equals(kind); }
    }

    /** How one member predicts: the same images and views for every member; undecodable files go to {@code skipped}. */
    @FunctionalInterface
    public interface Member {
        Predictions predict(Classifier model, List<String> skipped, Progress progress) throws Exception;
    }

    private final ReadOnlyObjectProperty<Classifier> model;
    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObservableList<Path> view = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");

    EnsembleRuns(ReadOnlyObjectProperty<Classifier> model) {
        this.model = model;
        model.addListener((o, a, b) -> runs.clear());
        runs.addListener((ListChangeListener<Path>) c -> text.set(runs.isEmpty() ? "" : "Ensemble: + " + Fmt.plural(runs.size(), "run", "runs")));
    }

    /**
     * Adds the model of another run. It must know the current model's classes (in any order); the notice says why
     * not when it does not, when the folder holds no model, or when it is already there.
     */
    public Notice add(Path dir) {
        Classifier current = model.get();
        if (current == null) return new Notice("error", "Train or load a model first: an ensemble adds other runs to it.");
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.equals(current.bundleDir().toAbsolutePath().normalize()) || runs.contains(abs)) {
            return new Notice("warning", abs.getFileName() + " is already in the ensemble.");
        }
        ModelCard card;
        try {
            card = Classifier.readCard(abs);
        } catch (RuntimeException e) {
            return new Notice("error", "No model in " + abs + ": " + Errors.message(e));
        }
        Set<String> mine = new TreeSet<>(current.card().labels());
        Set<String> theirs = new TreeSet<>(card.labels());
        if (!mine.equals(theirs)) {
            return new Notice("error", abs.getFileName() + " was trained on other classes (" + String.join(", ", theirs) + "); the ensemble needs "
                    + String.join(", ", mine) + ".");
        }
        runs.add(abs);
        return new Notice("info", Fmt.plural(runs.size() + 1, "model", "models") + " from now on: "
                + card.modelName() + " from " + abs.getFileName() + " joined the ensemble.");
    }

    /** Back to the current model alone. */
    public void clear() {
        runs.clear();
    }

    /** The added runs (absolute), in the order they were added. */
    public ObservableList<Path> runs() { return view; }

    /** "Ensemble: + N runs", or empty for the current model alone. */
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }

    /** " + N runs (ensemble)" for a title, or empty. */
    public static String suffix(List<Path> others) {
        return others.isEmpty() ? "" : " + " + Fmt.plural(others.size(), "run", "runs") + " (ensemble)";
    }

    /**
     * Predicts with {@code model} and then each of {@code others} (loaded one at a time, so one extra network is in
     * memory), and averages their probabilities. Progress names the member when there is more than one. Runs on a
     * background thread; {@code others} is a copy taken on the FX thread. Files that cannot be decoded are listed in
     * {@code skipped} once (they fail for every member alike).
     */
    public static Predictions predict(Classifier model, List<Path> others, Member member, List<String> skipped, Progress progress,
                                      Cancellation cancel) throws Exception {
        int n = others.size() + 1;
        List<Predictions> members = new ArrayList<>();
        members.add(member.predict(model, skipped, memberProgress(progress, 0, n)));
        for (int m = 0; m < others.size(); m++) {
            cancel.throwIfCancelled();
            members.add(member.predict(Classifier.load(others.get(m)), new ArrayList<>(), memberProgress(progress, m + 1, n)));
        }
        return n == 1 ? members.get(0) : Ensemble.average(members);
    }

    private static Progress memberProgress(Progress p, int m, int n) {
        if (n == 1) return p;
        return (message, done, total) -> p.update("model " + (m + 1) + " of " + n + ": " + message, done, total);
    }
}
