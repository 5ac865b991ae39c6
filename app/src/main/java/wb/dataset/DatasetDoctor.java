package wb.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.FreeThreads;
import wb.common.Progress;
import wb.common.UserException;
import wb.imaging.DecodeResult;
import wb.imaging.ImageHashes;
import wb.imaging.ImageDecoder;

/** Decodes every file of a dataset to find unusable ones and to summarise what the usable ones look like. */
public final class DatasetDoctor {

    /** Decoding threads: two, because decode is CPU-bound and the UI and other work need the rest. */
    static final int THREADS = 2;
    /** More distinct sizes than this are bucketed by their longest side. */
    static final int MAX_EXACT_SIZES = 20;

    private DatasetDoctor() { }

    /**
     * Decodes every item of every split with {@link ImageDecoder#decode(java.nio.file.Path, int)};
     * {@code channels} is passed to the decoder (0 keeps grey files grey, which lets the report say
     * whether the whole dataset is grey). Reports progress per file and stops with
     * {@link CancelledException} when cancelled.
     */
    public static VerificationReport verify(Dataset dataset, int channels, Progress progress, Cancellation cancellation) {
        List<ImageItem> all = new ArrayList<>();
        for (Split s : Split.values()) all.addAll(dataset.items(s));
        int total = all.size();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = FreeThreads.fixedPool(THREADS, "dataset-doctor");
        List<Future<Outcome>> futures = new ArrayList<>(total);
        try {
            for (ImageItem item : all) {
                futures.add(pool.submit(() -> {
                    if (cancellation.isCancelled()) return null;
                    Outcome o = Outcome.of(ImageDecoder.decode(item.path(), channels));
                    long d = done.incrementAndGet();
                    progress.update("Checking " + item.path().getFileName(), d, total);
                    return o;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>(total);
            for (Future<Outcome> f : futures) outcomes.add(await(f, cancellation));
            cancellation.throwIfCancelled();
            return summarise(dataset, all, outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Throws {@link UserException} unless at least two classes have images in TRAIN, e.g.
     * "needs at least 2 classes with usable images in train; found 1 (cat)".
     */
    public static void requireTrainable(Dataset dataset) {
        List<String> present = new ArrayList<>();
        dataset.countsPerClass(Split.TRAIN).forEach((c, n) -> { if (n > 0) present.add(c); });
        if (present.size() >= 2) return;
        String names = present.isEmpty() ? "" : " (" + String.join(", ", present) + ")";
        throw new UserException("needs at least 2 classes with usable images in train; found " + present.size() + names);
    }

    /**
     * The part of a decode result the report needs, with the image's fingerprints (for duplicates); rasters are
     * dropped at once to keep memory flat.
     */
    private record Outcome(String failure, String format, int width, int height, int channels, long pixelHash, byte[] thumbnail) {
        static Outcome of(DecodeResult r) {
            if (r instanceof DecodeResult.Ok ok) {
                return new Outcome(null, ok.info().format(), ok.info().width(), ok.info().height(), ok.info().channels(),
                        ImageHashes.pixels(ok.raster()), ImageHashes.thumbnail(ok.raster()));
            }
            return new Outcome(((DecodeResult.Failed) r).reasonText(), null, 0, 0, 0, 0, null);
        }
    }

    /** Thumbnails further apart than this (mean absolute difference, 0..255) are not near-identical. */
    static final double NEAR_IDENTICAL_MAX_DIFFERENCE = 2;

    record Fingerprinted(ImageItem item, Split split, long pixels, byte[] thumbnail) {
        long[] difference() { return ImageHashes.difference(thumbnail); }
    }

    /** Difference hashes further apart than this many of their 256 bits are not near-identical. */
    static final int NEAR_IDENTICAL_MAX_BITS = 16;
    /** A 16-bit block value shared by more images than this is too common to find candidates with. */
    private static final int MAX_BUCKET = 400;

    /**
     * Groups of images with the same pixels, then groups of near-identical ones: other pixels, but difference hashes
     * within {@link #NEAR_IDENTICAL_MAX_BITS} bits and thumbnails within {@link #NEAR_IDENTICAL_MAX_DIFFERENCE} of the
     * image the group starts with (never chained through a series of similar images). Candidates share at least one
     * non-zero 16-bit block of their hashes (multi-index hashing: any two within 15 bits do), so no pair of the whole
     * dataset is compared blindly. Flat images, which all hash alike, are left out. Groups in dataset order.
     */
    static List<DuplicateGroup> duplicates(List<Fingerprinted> usable) {
        Map<Long, List<Fingerprinted>> byPixels = new LinkedHashMap<>();
        for (Fingerprinted f : usable) byPixels.computeIfAbsent(f.pixels(), k -> new ArrayList<>()).add(f);
        List<DuplicateGroup> groups = new ArrayList<>();
        for (List<Fingerprinted> g : byPixels.values()) {
            if (g.size() > 1) groups.add(group(DuplicateGroup.Kind.IDENTICAL, g));
        }

        // One representative per distinct pixel content, with its difference hash.
        List<Fingerprinted> reps = new ArrayList<>();
        List<long[]> hashes = new ArrayList<>();
        for (List<Fingerprinted> g : byPixels.values()) {
            long[] h = g.get(0).difference();
            if (ImageHashes.isFlat(h)) continue;
            reps.add(g.get(0));
            hashes.add(h);
        }
        Map<Integer, List<Integer>> buckets = new HashMap<>();
        for (int i = 0; i < reps.size(); i++) {
            long[] h = hashes.get(i);
            for (int b = 0; b < 16; b++) {
                int value = (int) ((h[b >>> 2] >>> ((b & 3) * 16)) & 0xFFFF);
                if (value == 0) continue; // flat stripes: shared by most images, says nothing
                buckets.computeIfAbsent((b << 16) | value, k -> new ArrayList<>()).add(i);
            }
        }
        // Matches of each image among the later ones; then star clusters around the earliest image, so two different
        // pictures are never linked through a chain of similar ones.
        Map<Integer, TreeSet<Integer>> matches = new HashMap<>(); // only images with a match
        for (List<Integer> bucket : buckets.values()) {
            if (bucket.size() < 2 || bucket.size() > MAX_BUCKET) continue;
            for (int x = 0; x < bucket.size(); x++) {
                for (int y = x + 1; y < bucket.size(); y++) {
                    int i = Math.min(bucket.get(x), bucket.get(y));
                    int k = Math.max(bucket.get(x), bucket.get(y));
                    TreeSet<Integer> known = matches.get(i);
                    if (known != null && known.contains(k)) continue;
                    if (hamming(hashes.get(i), hashes.get(k)) > NEAR_IDENTICAL_MAX_BITS) continue;
                    if (ImageHashes.meanAbsoluteDifference(reps.get(i).thumbnail(), reps.get(k).thumbnail()) > NEAR_IDENTICAL_MAX_DIFFERENCE) continue;
                    matches.computeIfAbsent(i, key -> new TreeSet<>()).add(k);
                }
            }
        }
        boolean[] taken = new boolean[reps.size()];
        Map<Integer, List<Fingerprinted>> near = new TreeMap<>();
        for (int i = 0; i < reps.size(); i++) {
            if (taken[i] || !matches.containsKey(i)) continue;
            List<Fingerprinted> cluster = new ArrayList<>(List.of(reps.get(i)));
            for (int k : matches.get(i)) {
                if (taken[k]) continue;
                taken[k] = true;
                cluster.add(reps.get(k));
            }
            taken[i] = true;
            if (cluster.size() > 1) near.put(i, cluster);
        }
        List<DuplicateGroup> nearGroups = new ArrayList<>();
        for (List<Fingerprinted> g : near.values()) if (g.size() > 1) nearGroups.add(group(DuplicateGroup.Kind.NEAR_IDENTICAL, g));
        // Dataset order: by the position of each group's first image.
        Map<ImageItem, Integer> position = new HashMap<>();
        for (int i = 0; i < usable.size(); i++) position.put(usable.get(i).item(), i);
        nearGroups.sort(Comparator.comparing(g -> position.get(g.items().get(0))));
        groups.addAll(nearGroups);
        return groups;
    }

    private static int hamming(long[] a, long[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) d += Long.bitCount(a[i] ^ b[i]);
        return d;
    }

    private static DuplicateGroup group(DuplicateGroup.Kind kind, List<Fingerprinted> members) {
        return new DuplicateGroup(kind, members.stream().map(Fingerprinted::item).toList(), members.stream().map(Fingerprinted::split).toList());
    }

    private static Outcome await(Future<Outcome> f, Cancellation cancellation) {
        while (true) {
            cancellation.throwIfCancelled();
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll cancellation again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoder crashed", e.getCause());
            }
        }
    }

    private static VerificationReport summarise(Dataset dataset, List<ImageItem> all, List<Outcome> outcomes) {
        List<FileProblem> bad = new ArrayList<>();
        Map<Split, Map<String, Integer>> usable = new EnumMap<>(Split.class);
        Map<String, Integer> sizes = new TreeMap<>();
        SortedMap<String, Integer> formats = new TreeMap<>();
        boolean allGrey = true;
        List<Fingerprinted> fingerprints = new ArrayList<>();
        int index = 0;
        for (Split s : Split.values()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String c : dataset.classes()) counts.put(c, 0);
            for (ImageItem item : dataset.items(s)) {
                Outcome o = outcomes.get(index++);
                if (o.failure() != null) {
                    bad.add(new FileProblem(item.path(), o.failure()));
                    continue;
                }
                if (item.label() != null) counts.merge(item.label(), 1, Integer::sum);
                fingerprints.add(new Fingerprinted(item, s, o.pixelHash(), o.thumbnail()));
                sizes.merge(o.width() + "x" + o.height(), 1, Integer::sum);
                formats.merge(o.format(), 1, Integer::sum);
                allGrey &= o.channels() == 1;
            }
            usable.put(s, counts);
        }
        assert index == all.size();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int n : usable.get(Split.TRAIN).values()) {
            if (n == 0) continue;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        double imbalance = max == 0 ? Double.NaN : (double) max / min;
        bad.sort(Comparator.comparing(FileProblem::path));
        return new VerificationReport(dataset, bad, usable, imbalance, histogram(sizes), formats, allGrey && formats.size() > 0 ? 1 : 3,
                duplicates(fingerprints));
    }

    /** Exact sizes when few, else power-of-two buckets of the longest side; keys sort by their numbers. */
    private static SortedMap<String, Integer> histogram(Map<String, Integer> exact) {
        SortedMap<String, Integer> out = new TreeMap<>(NaturalOrder.INSTANCE);
        if (exact.size() <= MAX_EXACT_SIZES) {
            out.putAll(exact);
            return out;
        }
        exact.forEach((size, n) -> {
            int x = size.indexOf('x');
            int longest = Math.max(Integer.parseInt(size.substring(0, x)), Integer.parseInt(size.substring(x + 1)));
            int low = Integer.highestOneBit(longest);
            out.merge("longest side " + low + "-" + (2 * low - 1), n, Integer::sum);
        });
        return out;
    }

    /** Compares strings with embedded numbers by value, so "28x28" sorts before "100x100". */
    enum NaturalOrder implements Comparator<String> {
        INSTANCE;

        @Override
        public int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                if (Character.isDigit(ca) && Character.isDigit(cb)) {
                    int si = i;
                    int sj = j;
                    while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                    while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                    int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                    if (c != 0) return c;
                } else {
                    if (ca != cb) return Character.compare(ca, cb);
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
