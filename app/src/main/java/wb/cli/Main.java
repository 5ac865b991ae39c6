package wb.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import wb.common.CancelledException;
import wb.common.FreeThreads;
import wb.common.UserException;
import wb.imaging.ImageDecodeException;

/**
 * The command-line front end: one subcommand per verb over the headless core. User errors become a
 * one-line message and exit code 2; only unexpected failures print a stack trace (exit 1).
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "Image Classification Workbench 0.1.0",
        description = "Inspect image datasets, preview augmentation, train and evaluate classifiers, and export Kaggle submissions.%n"
                + "Run without a command to open the graphical workbench on the sample dataset; 'workbench open DIR' (or 'workbench ./DIR') opens it on a dataset folder.",
        subcommands = {InspectCommand.class, SplitCommand.class, SampleCommand.class, ImportCommand.class,
                AugmentPreviewCommand.class, ModelsCommand.class, TrainCommand.class, ExtractFeaturesCommand.class,
                TrainHeadCommand.class, PackCommand.class, EvaluateCommand.class,
                PredictCommand.class, WatchCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        FreeThreads.init(); // before any native library: see FreeThreads
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns the exit code (0 ok, 2 user error, 1 internal error, 130 cancelled). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable e = ex;
            if (e instanceof UserException || e instanceof IllegalArgumentException || e instanceof ImageDecodeException) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof CancelledException) {
                err.println("cancelled");
                return 130;
            }
            if (e instanceof java.io.IOException io) {
                err.println("error: " + io.getClass().getSimpleName() + ": " + io.getMessage());
                return 2;
            }
            err.println("internal error (please report it with this trace):");
            e.printStackTrace(err);
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            // "workbench dogscats": a folder where a verb should be; the launcher opens folders written as paths.
            if (ex instanceof CommandLine.UnmatchedArgumentException && a.length == 1 && ex.getCommandLine() == cl
                    && java.nio.file.Files.isDirectory(java.nio.file.Path.of(a[0]))) {
                err.println("'" + a[0] + "' is a folder: 'workbench open " + a[0] + "' (or 'workbench ./" + a[0] + "') opens it in the workbench, "
                        + "'workbench inspect " + a[0] + "' describes it here.");
            } else {
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            }
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl.execute(args);
    }
}
