package wb.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import wb.common.Cancellation;
import wb.common.CancelledException;
import wb.common.Progress;
import wb.common.UserException;
import wb.imaging.DecodeResult;
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
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "dataset-doctor");
            t.setDaemon(true);
            return t;
        });
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

    /** The part of a decode result the report needs; rasters are dropped at once to keep memory flat. */
    private record Outcome(String failure, String format, int width, int height, int channels) {
        static Outcome of(DecodeResult r) {
            if (r instanceof DecodeResult.Ok ok) {
                return new Outcome(null, ok.info().format(), ok.info().width(), ok.info().height(), ok.info().channels());
            }
            return new Outcome(((DecodeResult.Failed) r).reasonText(), null, 0, 0, 0);
        }
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
        return new VerificationReport(dataset, bad, usable, imbalance, histogram(sizes), formats, allGrey && formats.size() > 0 ? 1 : 3);
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
