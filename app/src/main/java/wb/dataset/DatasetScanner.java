package wb.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import wb.common.Cancellation;
import wb.common.Progress;
import wb.common.UserException;

/**
 * Finds the images of a dataset folder and works out its layout (class folders, fast.ai, Kaggle flat,
 * unlabelled) without decoding anything, so that it is fast enough to run as soon as a folder is chosen.
 */
public final class DatasetScanner {

    /** File extensions (lower case, no dot) counted as images. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of(
            "jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "gif", "pgm", "ppm", "pnm", "jp2");

    /** Deeper nesting than this inside a class folder is reported instead of followed. */
    static final int MAX_DEPTH = 32;

    private static final Set<String> JUNK_NAMES = Set.of("thumbs.db", "desktop.ini", "__macosx", "@eadir");

    private DatasetScanner() { }

    /**
     * Scans {@code root}. Throws {@link UserException} when it does not exist, is not a folder or holds no
     * images in any recognised place. Files that are skipped are listed in {@link Dataset#problems()}.
     */
    public static Dataset scan(Path root, Progress progress, Cancellation cancellation) {
        if (!Files.exists(root)) throw new UserException("dataset folder does not exist: " + root);
        if (!Files.isDirectory(root)) throw new UserException("not a folder: " + root + " (choose the folder that holds the images)");
        return new Scan(root, progress, cancellation).run();
    }

    /** True when {@code fileName} has an image extension (case-insensitive). */
    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** True for hidden and operating-system clutter ({@code .DS_Store}, {@code ._x}, {@code Thumbs.db}, {@code __MACOSX}, ...). */
    public static boolean isJunk(String fileName) {
        return fileName.startsWith(".") || JUNK_NAMES.contains(fileName.toLowerCase(Locale.ROOT));
    }

    /**
     * The Kaggle-style label of a flat file name: the prefix before the first dot when the name has at
     * least two dots ({@code cat.123.jpg -> cat}); {@code null} for {@code 123.jpg}.
     */
    public static String flatLabel(String fileName) {
        int ext = fileName.lastIndexOf('.');
        String stem = ext > 0 ? fileName.substring(0, ext) : fileName;
        int dot = stem.indexOf('.');
        if (dot <= 0) return null;
        String label = stem.substring(0, dot).strip();
        return label.isEmpty() ? null : label;
    }

    /** The visible entries of one folder, sorted into sub-folders, image files and other files. */
    private record Entries(List<Path> dirs, List<Path> images, List<Path> others) { }

    /** What one split folder ({@code train/}, {@code valid/}, {@code test/}) contained. */
    private record SplitContent(List<ImageItem> items, int classFolders, int flatLabelled, int flatUnlabelled) { }

    /** The mutable state of one scan; confined to the calling thread. */
    private static final class Scan {
        private final Path root;
        private final Progress progress;
        private final Cancellation cancellation;
        private final List<FileProblem> problems = new ArrayList<>();
        // Real paths of the folders on the current descent: a folder that resolves to one of its own
        // ancestors is a symlink loop. A global visited set would also drop legitimate duplicates.
        private final Set<Path> ancestors = new HashSet<>();
        private int junk;
        private long foldersVisited;

        Scan(Path root, Progress progress, Cancellation cancellation) {
            this.root = root;
            this.progress = progress;
            this.cancellation = cancellation;
        }

        Dataset run() {
            Path realRoot = realPath(root);
            if (realRoot != null) ancestors.add(realRoot);
            Entries top = list(root);
            Path train = find(top.dirs(), "train");
            Path valid = find(top.dirs(), "valid", "val", "validation");
            Path test = find(top.dirs(), "test");
            boolean hasSample = find(top.dirs(), "sample") != null;

            Map<Split, List<ImageItem>> splits = new EnumMap<>(Split.class);
            Layout layout;
            String detection;
            if (train != null) {
                SplitContent tr = readSplit(train, false);
                splits.put(Split.TRAIN, tr.items());
                StringBuilder why = new StringBuilder();
                if (tr.classFolders() > 0) {
                    layout = Layout.FASTAI;
                    why.append("fast.ai layout: train/ holds ").append(tr.classFolders()).append(" class folders");
                } else {
                    layout = Layout.KAGGLE_FLAT;
                    why.append("Kaggle flat layout: train/ holds ").append(tr.flatLabelled())
                       .append(" files labelled by name prefix (cat.123.jpg)");
                }
                if (valid != null) {
                    SplitContent va = readSplit(valid, false);
                    splits.put(Split.VALID, va.items());
                    why.append(", ").append(valid.getFileName()).append("/ has ").append(va.items().size()).append(" images");
                } else {
                    why.append(", no valid/ folder (make a validation split)");
                }
                if (test != null) {
                    SplitContent te = readSplit(test, true);
                    splits.put(Split.TEST, te.items());
                    long unlabelled = te.items().stream().filter(i -> i.label() == null).count();
                    why.append(", test/ has ").append(te.items().size()).append(" images")
                       .append(unlabelled == te.items().size() ? " (unlabelled)" : "");
                }
                if (hasSample) why.append(", sample/ subset present");
                detection = why.append('.').toString();
            } else {
                // Try class folders first, but keep their problems aside: if the root turns out to be a
                // flat folder, its empty sub-folders are not "empty classes".
                List<FileProblem> before = new ArrayList<>(problems);
                List<ImageItem> classItems = new ArrayList<>();
                int classFolders = 0;
                for (Path dir : top.dirs()) {
                    int n = classItems.size();
                    collectClassFolder(dir, label(dir), classItems, 1);
                    if (classItems.size() > n) classFolders++;
                    else problems.add(new FileProblem(dir, "empty class folder"));
                }
                if (classFolders > 0) {
                    layout = Layout.CLASS_FOLDERS;
                    for (Path f : top.images()) problems.add(new FileProblem(f, "image outside any class folder, skipped"));
                    splits.put(Split.TRAIN, classItems);
                    detection = "Class folders: " + classFolders + " sub-folders of the root hold images; all are training "
                            + "data (no valid/ folder, make a validation split).";
                } else {
                    problems.clear();
                    problems.addAll(before);
                    List<ImageItem> labelled = new ArrayList<>();
                    List<ImageItem> unlabelled = new ArrayList<>();
                    for (Path f : top.images()) {
                        String label = flatLabel(f.getFileName().toString());
                        (label == null ? unlabelled : labelled).add(new ImageItem(f, label));
                    }
                    if (!labelled.isEmpty() && labelled.size() >= unlabelled.size()) {
                        layout = Layout.KAGGLE_FLAT;
                        for (ImageItem u : unlabelled) problems.add(new FileProblem(u.path(), "no class prefix in file name (expected e.g. cat.123.jpg)"));
                        splits.put(Split.TRAIN, labelled);
                        detection = "Kaggle flat layout: " + labelled.size() + " files in the root are labelled by name prefix "
                                + "(cat.123.jpg); all are training data.";
                    } else {
                        layout = Layout.UNLABELLED;
                        List<ImageItem> all = new ArrayList<>(unlabelled);
                        all.addAll(labelled.stream().map(i -> new ImageItem(i.path(), null)).toList());
                        splits.put(Split.TEST, all);
                        detection = "Unlabelled: " + all.size() + " images directly in the folder with no class folders or "
                                + "name prefixes; treated as a test set to predict.";
                    }
                }
            }

            int total = splits.values().stream().mapToInt(List::size).sum();
            if (total == 0) {
                throw new UserException("no images found in " + root + " (looked for " + String.join(", ", new TreeSet<>(IMAGE_EXTENSIONS))
                        + " files in class folders, train/ valid/ test/, or directly in the folder)");
            }
            TreeSet<String> classes = new TreeSet<>();
            for (List<ImageItem> items : splits.values()) {
                for (ImageItem i : items) if (i.label() != null) classes.add(i.label());
            }
            progress.update("Scanned " + foldersVisited + " folders, " + total + " images", foldersVisited, foldersVisited);
            return new Dataset(root, layout, detection, List.copyOf(classes), splits, hasSample, problems, junk);
        }

        /** Reads a split folder holding class folders and/or flat files; {@code test/unknown/} is unlabelled. */
        private SplitContent readSplit(Path dir, boolean isTest) {
            if (!enter(dir)) return new SplitContent(List.of(), 0, 0, 0);
            try {
                Entries e = list(dir);
                List<ImageItem> items = new ArrayList<>();
                int classFolders = 0;
                boolean unknownOnly = isTest && e.dirs().size() == 1
                        && e.dirs().get(0).getFileName().toString().equalsIgnoreCase("unknown");
                for (Path sub : e.dirs()) {
                    int n = items.size();
                    collectClassFolder(sub, unknownOnly ? null : label(sub), items, 1);
                    if (items.size() > n) classFolders++;
                    else problems.add(new FileProblem(sub, "empty class folder"));
                }
                int flatLabelled = 0;
                int flatUnlabelled = 0;
                for (Path f : e.images()) {
                    String label = flatLabel(f.getFileName().toString());
                    if (classFolders > 0) {
                        problems.add(new FileProblem(f, "image outside any class folder, skipped"));
                    } else if (label == null && !isTest) {
                        flatUnlabelled++;
                        problems.add(new FileProblem(f, "no class prefix in file name (expected e.g. cat.123.jpg)"));
                    } else {
                        if (label == null) flatUnlabelled++;
                        else flatLabelled++;
                        items.add(new ImageItem(f, label));
                    }
                }
                return new SplitContent(items, unknownOnly ? 0 : classFolders, flatLabelled, flatUnlabelled);
            } finally {
                leave(dir);
            }
        }

        /** Adds every image under {@code dir} (recursively) with {@code label}. */
        private void collectClassFolder(Path dir, String label, List<ImageItem> out, int depth) {
            if (depth > MAX_DEPTH) {
                problems.add(new FileProblem(dir, "folders nested deeper than " + MAX_DEPTH + " levels, skipped"));
                return;
            }
            if (!enter(dir)) return;
            try {
                Entries e = list(dir);
                for (Path f : e.images()) out.add(new ImageItem(f, label));
                for (Path f : e.others()) problems.add(new FileProblem(f, "not an image file extension"));
                for (Path sub : e.dirs()) collectClassFolder(sub, label, out, depth + 1);
            } finally {
                leave(dir);
            }
        }

        /** Pushes {@code dir} on the descent; false (and a problem) when it is a symlink loop. */
        private boolean enter(Path dir) {
            cancellation.throwIfCancelled();
            Path real = realPath(dir);
            if (real == null) return false;
            if (!ancestors.add(real)) {
                problems.add(new FileProblem(dir, "symbolic link loop (points back to " + real + "), not followed"));
                return false;
            }
            progress.update("Scanning " + root.relativize(dir), ++foldersVisited, -1);
            return true;
        }

        private void leave(Path dir) {
            Path real = realPath(dir);
            if (real != null) ancestors.remove(real);
        }

        private Path realPath(Path dir) {
            try {
                return dir.toRealPath();
            } catch (IOException | SecurityException e) {
                problems.add(new FileProblem(dir, "unreadable folder (" + e.getClass().getSimpleName() + ")"));
                return null;
            }
        }

        /** Lists one folder, counting junk and recording broken links; an unreadable folder is a problem. */
        private Entries list(Path dir) {
            List<Path> dirs = new ArrayList<>();
            List<Path> images = new ArrayList<>();
            List<Path> others = new ArrayList<>();
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) entries.add(p);
            } catch (IOException | SecurityException e) {
                problems.add(new FileProblem(dir, "unreadable folder (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
            }
            entries.sort(null);
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (isJunk(name)) {
                    junk++;
                } else if (Files.isDirectory(p)) {
                    dirs.add(p);
                } else if (!Files.exists(p)) {
                    problems.add(new FileProblem(p, "broken symbolic link"));
                } else if (hasImageExtension(name)) {
                    images.add(p);
                } else {
                    others.add(p);
                }
            }
            return new Entries(dirs, images, others);
        }
    }

    private static Path find(List<Path> dirs, String... names) {
        for (String n : names) {
            for (Path d : dirs) if (d.getFileName().toString().equalsIgnoreCase(n)) return d;
        }
        return null;
    }

    private static String label(Path classFolder) {
        return classFolder.getFileName().toString();
    }
}
