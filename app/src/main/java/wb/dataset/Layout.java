package wb.dataset;

/** The folder layout a dataset was found in. */
public enum Layout {
    /** One sub-folder per class directly under the root; everything is training data. */
    CLASS_FOLDERS,
    /** fast.ai: {@code train/<class>/}, {@code valid/<class>/}, optional {@code test/} and {@code sample/}. */
    FASTAI,
    /** Kaggle: flat labelled files such as {@code train/cat.123.jpg}, label = name prefix before the first dot. */
    KAGGLE_FLAT,
    /** A flat folder of unlabelled (typically numbered) files, all in the test split. */
    UNLABELLED
}
