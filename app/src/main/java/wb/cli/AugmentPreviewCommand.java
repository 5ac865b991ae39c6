package wb.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import wb.augment.Augmenter;
import wb.augment.Montage;
import wb.imaging.ImageDecoder;
import wb.imaging.ImageWriter;
import wb.imaging.Raster;

/** Renders an augmentation montage to a PNG. */
@Command(name = "augment-preview", mixinStandardHelpOptions = true,
        description = "Render one image and N augmented variants as a captioned montage PNG (same seed, same montage).")
final class AugmentPreviewCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "The image to augment.")
    Path image;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Option(names = "--variants", defaultValue = "11", description = "Number of augmented variants (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--columns", defaultValue = "4", description = "Tiles per row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--tile", defaultValue = "160", description = "Tile size in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin AugmentOptions augment;

    @Override public Integer call() throws Exception {
        Raster src = ImageDecoder.decodeOrThrow(image, 0);
        Raster montage = Montage.render(src, new Augmenter(augment.config("keras")), variants, seed, columns, tile);
        ImageWriter.writePng(montage, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + montage.width() + "x" + montage.height() + ")");
        return 0;
    }
}
