package wb.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import wb.common.UserException;

/**
 * Creates fast.ai folder layouts (split or sample) that point at the original files with relative
 * symbolic links, falling back to hard links and then copies where links are not possible.
 */
public final class DatasetWriter {

    private DatasetWriter() { }

    /**
     * Writes {@code outDir/train/<class>/}, {@code outDir/valid/<class>/} and, when {@code testFraction > 0},
     * {@code outDir/test/<class>/} for the labelled training items of {@code single} (typically a
     * class-folder dataset), split with {@link Splitter#stratified}. Refuses a non-empty {@code outDir}.
     */
    public static WrittenLayout writeSplit(Dataset single, Path outDir, double validFraction, double testFraction, long seed) {
        List<ImageItem> labelled = single.items(Split.TRAIN).stream().filter(ImageItem::labelled).toList();
        if (labelled.isEmpty()) throw new UserException("nothing to split: " + single.root() + " has no labelled training images");
        Map<Split, List<ImageItem>> parts = Splitter.stratified(labelled, validFraction, testFraction, seed);
        Map<Split, List<ImageItem>> toWrite = new EnumMap<>(Split.class);
        toWrite.put(Split.TRAIN, parts.get(Split.TRAIN));
        toWrite.put(Split.VALID, parts.get(Split.VALID));
        if (testFraction > 0) toWrite.put(Split.TEST, parts.get(Split.TEST));
        return write(outDir, toWrite);
    }

    /**
     * Writes the fast.ai "sample" recipe: {@code outDir/train/<class>/} with {@code trainTotal} and
     * {@code outDir/valid/<class>/} with {@code validTotal} items drawn from the dataset's TRAIN and VALID
     * splits, stratified in proportion to class sizes (fast.ai's dogscats used 200 + 50). {@code outDir} is
     * usually {@code root/sample}; the links point back into the dataset.
     */
    public static WrittenLayout writeSample(Dataset fastai, Path outDir, int trainTotal, int validTotal, long seed) {
        if (trainTotal < 1 || validTotal < 0) throw new IllegalArgumentException("trainTotal must be >= 1 and validTotal >= 0");
        Comparator<ImageItem> byPath = Comparator.comparing(ImageItem::path);
        List<ImageItem> train = fastai.items(Split.TRAIN).stream().filter(ImageItem::labelled).toList();
        List<ImageItem> valid = fastai.items(Split.VALID).stream().filter(ImageItem::labelled).toList();
        if (train.isEmpty()) throw new UserException("cannot sample " + fastai.root() + ": it has no labelled training images");
        Map<Split, List<ImageItem>> toWrite = new EnumMap<>(Split.class);
        toWrite.put(Split.TRAIN, Splitter.sampleProportional(Splitter.groupBy(train, ImageItem::label), trainTotal, seed, byPath));
        if (validTotal > 0) {
            toWrite.put(Split.VALID, Splitter.sampleProportional(Splitter.groupBy(valid, ImageItem::label), validTotal, seed, byPath));
        }
        return write(outDir, toWrite);
    }

    private static WrittenLayout write(Path outDir, Map<Split, List<ImageItem>> parts) {
        requireEmptyTarget(outDir);
        LinkMode mode = LinkMode.SYMLINK;
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        try {
            Files.createDirectories(outDir);
            for (Map.Entry<Split, List<ImageItem>> e : parts.entrySet()) {
                Path splitDir = outDir.resolve(e.getKey().name().toLowerCase(Locale.ROOT));
                Files.createDirectories(splitDir);
                Set<Path> used = new HashSet<>();
                for (ImageItem item : e.getValue()) {
                    Path dir = splitDir.resolve(item.label());
                    Path link = uniqueName(dir, item.path().getFileName().toString(), used);
                    Files.createDirectories(dir);
                    mode = place(item.path(), link, mode);
                }
                counts.put(e.getKey(), e.getValue().size());
            }
        } catch (IOException e) {
            throw new UserException("could not write " + outDir + ": " + e.getMessage(), e);
        }
        return new WrittenLayout(outDir, mode, counts);
    }

    /** Places {@code link} pointing at {@code target}; downgrades the mode when the file system refuses it. */
    private static LinkMode place(Path target, Path link, LinkMode mode) throws IOException {
        if (mode == LinkMode.SYMLINK) {
            try {
                Path absLink = link.toAbsolutePath().normalize();
                Path relative = absLink.getParent().relativize(target.toAbsolutePath().normalize());
                Files.createSymbolicLink(link, relative);
                return LinkMode.SYMLINK;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException | SecurityException e) {
                mode = LinkMode.HARDLINK;
            }
        }
        if (mode == LinkMode.HARDLINK) {
            try {
                Files.createLink(link, target.toRealPath());
                return LinkMode.HARDLINK;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException | SecurityException e) {
                mode = LinkMode.COPY;
            }
        }
        Files.copy(target, link);
        return LinkMode.COPY;
    }

    /** Nested class folders can repeat file names; later ones become {@code name~2.ext}. */
    private static Path uniqueName(Path dir, String fileName, Set<Path> used) {
        Path p = dir.resolve(fileName);
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String ext = dot > 0 ? fileName.substring(dot) : "";
        for (int k = 2; !used.add(p); k++) p = dir.resolve(stem + "~" + k + ext);
        return p;
    }

    /** Throws unless {@code dir} is absent or an empty folder. */
    static void requireEmptyTarget(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(dir)) throw new UserException(dir + " exists and is not a folder; choose another output folder");
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                entries.add(p);
                break;
            }
        } catch (IOException e) {
            throw new UserException("cannot read output folder " + dir + ": " + e.getMessage(), e);
        }
        if (!entries.isEmpty()) throw new UserException("output folder " + dir + " is not empty; choose an empty or new folder (nothing was overwritten)");
    }
}
