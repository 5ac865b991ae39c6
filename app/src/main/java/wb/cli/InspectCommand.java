package wb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.dataset.Dataset;
import wb.dataset.DatasetDoctor;
import wb.dataset.DatasetScanner;
import wb.dataset.DuplicateGroup;
import wb.dataset.FileProblem;
import wb.dataset.Split;
import wb.dataset.VerificationReport;
import wb.model.ModelBundle;

/** The dataset doctor: layout, classes, counts and every unusable file with its reason. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Detect a dataset's layout, count classes per split, and decode every image to find broken files.")
final class InspectCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The dataset folder.")
    Path dir;

    @Option(names = "--json", description = "Print a machine-readable summary instead of text.")
    boolean json;

    @Option(names = "--no-decode", description = "Only scan names and folders; do not decode images (fast, finds no broken files).")
    boolean noDecode;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConsoleProgress progress = new ConsoleProgress(err);
        Dataset ds = DatasetScanner.scan(dir, progress, Cancellation.NEVER);
        VerificationReport report = noDecode ? null : DatasetDoctor.verify(ds, 0, progress, Cancellation.NEVER);
        if (json) {
            out.println(ModelBundle.json().writeValueAsString(summary(ds, report)));
            return 0;
        }
        out.println("Dataset:  " + ds.root());
        out.println("Layout:   " + ds.layout() + " - " + ds.detection());
        out.println("Classes:  " + ds.classes().size() + (ds.classes().isEmpty() ? "" : " (" + String.join(", ", ds.classes()) + ")"));
        for (Split s : Split.values()) {
            List<?> items = ds.items(s);
            if (items.isEmpty()) continue;
            Map<String, Integer> counts = report != null ? report.usableCounts().getOrDefault(s, Map.of()) : ds.countsPerClass(s);
            int unlabelled = (int) ds.items(s).stream().filter(i -> i.label() == null).count();
            out.printf(Locale.ROOT, "%-6s %6d images%s%n", s.name().toLowerCase(Locale.ROOT) + ":", items.size(),
                    unlabelled > 0 ? " (" + unlabelled + " unlabelled)" : "");
            if (unlabelled < items.size()) counts.forEach((c, n) -> out.printf(Locale.ROOT, "         %s %6d%n", TextColumns.pad(c, 24), n));
        }
        if (ds.hasSample()) out.println("Sample:   a fast.ai sample/ subset is present (use " + ds.root().resolve("sample") + ")");
        if (report != null) {
            out.printf(Locale.ROOT, "Imbalance (largest/smallest train class): %.2f%n", report.imbalanceRatio());
            out.println("Formats:  " + report.formats());
            out.println("Sizes:    " + report.sizeHistogram());
            out.println("Channels: " + (report.channels() == 1 ? "grey" : "colour"));
        }
        if (ds.ignoredJunk() > 0) out.println("Ignored:  " + ds.ignoredJunk() + " hidden/system files (.DS_Store, Thumbs.db, ...)");
        List<FileProblem> problems = new java.util.ArrayList<>(ds.problems());
        if (report != null) problems.addAll(report.badFiles());
        if (problems.isEmpty()) {
            out.println("Problems: none");
        } else {
            out.println("Problems: " + problems.size() + " (skipped)");
            for (FileProblem p : problems) out.println("  " + p.path() + ": " + p.reason());
        }
        if (report != null) printDuplicates(out, report);
        try {
            DatasetDoctor.requireTrainable(report != null ? report.usable() : ds);
            out.println("Trainable: yes");
        } catch (wb.common.UserException e) {
            out.println("Trainable: no - " + e.getMessage());
        }
        return 0;
    }

    /** At most this many duplicate groups are listed in the text output (--json lists all). */
    static final int DUPLICATES_LISTED = 20;

    private static void printDuplicates(PrintWriter out, VerificationReport report) {
        List<DuplicateGroup> groups = report.duplicates();
        if (groups.isEmpty()) {
            out.println("Duplicates: none");
            return;
        }
        long images = groups.stream().mapToLong(g -> g.items().size()).sum();
        out.printf(Locale.ROOT, "Duplicates: %d groups (%d images); %d across splits (evaluation sees training pictures), %d with different labels%n",
                groups.size(), images, report.leakedGroups(), report.conflictingGroups());
        // The worst first: conflicting labels, then leaks, then the rest.
        List<DuplicateGroup> ordered = groups.stream().sorted(java.util.Comparator
                .comparing((DuplicateGroup g) -> !g.conflictingLabels()).thenComparing(g -> !g.crossesSplits())).toList();
        for (DuplicateGroup g : ordered.subList(0, Math.min(DUPLICATES_LISTED, ordered.size()))) {
            out.println("  " + g.describe() + ":");
            for (int i = 0; i < g.items().size(); i++) {
                var item = g.items().get(i);
                out.println("    " + g.splits().get(i).name().toLowerCase(Locale.ROOT) + (item.label() == null ? "" : "/" + item.label()) + "  " + item.path());
            }
        }
        if (ordered.size() > DUPLICATES_LISTED) out.println("  ... " + (ordered.size() - DUPLICATES_LISTED) + " more groups (--json lists all)");
    }

    private static Map<String, Object> summary(Dataset ds, VerificationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", ds.root().toString());
        m.put("layout", ds.layout().name());
        m.put("detection", ds.detection());
        m.put("classes", ds.classes());
        Map<String, Object> splits = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            if (ds.items(s).isEmpty()) continue;
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("images", ds.items(s).size());
            sm.put("perClass", report != null ? report.usableCounts().getOrDefault(s, Map.of()) : ds.countsPerClass(s));
            splits.put(s.name().toLowerCase(Locale.ROOT), sm);
        }
        m.put("splits", splits);
        m.put("hasSample", ds.hasSample());
        m.put("ignoredJunk", ds.ignoredJunk());
        List<Map<String, String>> problems = new java.util.ArrayList<>();
        for (FileProblem p : ds.problems()) problems.add(Map.of("path", p.path().toString(), "reason", p.reason()));
        if (report != null) {
            for (FileProblem p : report.badFiles()) problems.add(Map.of("path", p.path().toString(), "reason", p.reason()));
            m.put("imbalanceRatio", report.imbalanceRatio());
            m.put("formats", report.formats());
            m.put("sizes", report.sizeHistogram());
            m.put("channels", report.channels());
            List<Map<String, Object>> dups = new java.util.ArrayList<>();
            for (DuplicateGroup g : report.duplicates()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("kind", g.kind().name().toLowerCase(Locale.ROOT));
                gm.put("acrossSplits", g.crossesSplits());
                gm.put("differentLabels", g.conflictingLabels());
                List<Map<String, Object>> files = new java.util.ArrayList<>();
                for (int i = 0; i < g.items().size(); i++) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("path", g.items().get(i).path().toString());
                    f.put("split", g.splits().get(i).name().toLowerCase(Locale.ROOT));
                    f.put("label", g.items().get(i).label());
                    files.add(f);
                }
                gm.put("files", files);
                dups.add(gm);
            }
            m.put("duplicates", dups);
        }
        m.put("problems", problems);
        return m;
    }
}
