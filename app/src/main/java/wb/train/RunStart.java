package wb.train;

/** Sent once before the first batch. {@code firstEpoch} is above 1 when a run resumes. */
public record RunStart(String modelId, long parameters, int epochs, int firstEpoch, int batchesPerEpoch,
                       int trainExamples, int validExamples, String backend, String convolutionHelper) { }
