package wb.evaluate;

import java.nio.file.Path;

/**
 * One item shown by a prediction view.
 *
 * @param index          index into the predictions
 * @param trueLabel      the true class name, null when unknown
 * @param probability    probability of the predicted class
 */
public record ViewItem(int index, Path file, String trueLabel, String predictedLabel, float probability) { }
