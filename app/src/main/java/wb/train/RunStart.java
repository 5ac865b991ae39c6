package wb.train;

/**
 * Sent once before the first batch. {@code firstEpoch} is above 1 when a run resumes. {@code parallelism} says how a
 * batch is spread over the cores, where it is split ({@link DataParallel}); empty otherwise.
 */
public record RunStart(String modelId, long parameters, int epochs, int firstEpoch, int batchesPerEpoch,
                       int trainExamples, int validExamples, String backend, String convolutionHelper, String parallelism) {
    public RunStart(String modelId, long parameters, int epochs, int firstEpoch, int batchesPerEpoch,
                    int trainExamples, int validExamples, String backend, String convolutionHelper) {
        this(modelId, parameters, epochs, firstEpoch, batchesPerEpoch, trainExamples, validExamples, backend, convolutionHelper, "");
    }
}
