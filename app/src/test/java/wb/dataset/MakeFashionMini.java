package wb.dataset;

import java.nio.file.Path;

import wb.common.Cancellation;
import wb.common.Progress;

/**
 * Builds {@code sample-datasets/fashion-mini} from Debian's fashion-mnist package. Run once by hand
 * (see the dataset's README); not a test.
 */
public final class MakeFashionMini {

    private MakeFashionMini() { }

    public static void main(String[] args) {
        Path src = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path out = Path.of(args.length > 1 ? args[1] : "sample-datasets/fashion-mini");
        ImportResult r = IdxImporter.importIdx(
                src.resolve("train-images-idx3-ubyte.gz"), src.resolve("train-labels-idx1-ubyte.gz"),
                src.resolve("t10k-images-idx3-ubyte.gz"), src.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxImporter.FASHION_MNIST_CLASSES, out,
                new ImportOptions(360, 60.0 / 360, 500, 2017), Progress.NONE, Cancellation.NEVER);
        Dataset d = DatasetScanner.scan(out, Progress.NONE, Cancellation.NEVER);
        WrittenLayout sample = DatasetWriter.writeSample(d, out.resolve("sample"), 200, 50, 2017);
        System.out.println(r.counts() + " sample " + sample.counts() + " via " + sample.mode());
    }
}
