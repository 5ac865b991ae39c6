package wb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.common.Cancellation;
import wb.model.InitWeights;
import wb.model.InputShape;
import wb.model.LayerInfo;
import wb.model.ModelRequest;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.Networks;
import wb.train.TransferPreview;

/** Lists the model zoo. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the architectures in the model zoo with input size and parameter count.")
final class ModelsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--classes", description = "Number of classes the parameter count assumes (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int classes;

    @Option(names = "--verbose", description = "Also print each model's description and default training recipe.")
    boolean verbose;

    @Option(names = "--layers", paramLabel = "ID",
            description = "Print the layer table of one architecture instead: names (for --feature-layer, --freeze-to, --unfreeze-to, --layer), "
                    + "types, output shapes, parameters, frozen layers, and the default feature layer.")
    String layers;

    @Option(names = "--weights", paramLabel = "imagenet|FILE",
            description = "With --layers: the table of these weights' network (names can differ from the zoo configuration's); default: the configuration.")
    String weights;

    @Option(names = "--size", description = "With --layers: square input size (default: the architecture's, or what the weights expect).")
    Integer size;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (layers != null) return layerTable(out);
        if (weights != null || size != null) throw new IllegalArgumentException("--weights and --size go with --layers ID");
        out.printf("%-12s %-12s %-12s %12s  %s%n", "ID", "NAME", "INPUT", "PARAMETERS", "PRETRAINED");
        for (ModelSpec m : ModelZoo.standard().all()) {
            InputShape in = m.defaultInput();
            long params = Networks.parameterCount(Networks.configure(m,
                    new ModelRequest(in, classes, 1, 0, m.defaultDropout(), m.configurableRegularisation()),
                    Networks.updater(wb.model.Optimizer.ADAM, 1e-3, 0.9)));
            out.printf(Locale.ROOT, "%-12s %-12s %-12s %,12d  %s%n", m.id(), m.displayName(), in.height() + "x" + in.width()
                    + (m.fixedInputSize() ? " fixed" : ""), params, m.pretrainedAvailable() ? "ImageNet (DL4J zoo)" : "-");
            if (verbose) {
                out.println("    " + m.description());
                out.println("    default recipe: " + m.recipe().describe() + " (" + m.recipe().source() + ")");
            }
        }
        return 0;
    }

    private int layerTable(PrintWriter out) {
        TransferPreview.Table t = TransferPreview.layers(layers, weights == null ? null : InitWeights.parse(weights), size, classes,
                new ConsoleProgress(spec.commandLine().getErr()), Cancellation.NEVER);
        out.printf(Locale.ROOT, "%s, input %s%n", t.modelName(), t.input());
        out.printf("%-28s %-22s %-14s %12s  %s%n", "LAYER", "TYPE", "OUTPUT", "PARAMETERS", "");
        for (LayerInfo l : t.layers()) {
            String mark = (l.frozen() ? "frozen" : "") + (l.name().equals(t.defaultFeatureLayer()) ? (l.frozen() ? ", " : "") + "<- default feature layer" : "");
            out.printf(Locale.ROOT, "%-28s %-22s %-14s %,12d  %s%n", l.name(), l.type(), l.outputShape(), l.parameters(), mark);
        }
        return 0;
    }
}
