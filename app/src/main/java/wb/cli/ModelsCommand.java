package wb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.model.InputShape;
import wb.model.ModelRequest;
import wb.model.ModelSpec;
import wb.model.ModelZoo;
import wb.model.Networks;

/** Lists the model zoo. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the architectures in the model zoo with input size and parameter count.")
final class ModelsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--classes", description = "Number of classes the parameter count assumes (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int classes;

    @Option(names = "--verbose", description = "Also print each model's description.")
    boolean verbose;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-12s %-12s %-12s %12s  %s%n", "ID", "NAME", "INPUT", "PARAMETERS", "PRETRAINED");
        for (ModelSpec m : ModelZoo.standard().all()) {
            InputShape in = m.defaultInput();
            long params = Networks.parameterCount(Networks.configure(m,
                    new ModelRequest(in, classes, 1, 0, m.defaultDropout(), m.configurableRegularisation()),
                    Networks.updater(wb.model.Optimizer.ADAM, 1e-3, 0.9)));
            out.printf(Locale.ROOT, "%-12s %-12s %-12s %,12d  %s%n", m.id(), m.displayName(), in.height() + "x" + in.width()
                    + (m.fixedInputSize() ? " fixed" : ""), params, m.pretrainedAvailable() ? "ImageNet (DL4J zoo)" : "-");
            if (verbose) out.println("    " + m.description());
        }
        return 0;
    }
}
