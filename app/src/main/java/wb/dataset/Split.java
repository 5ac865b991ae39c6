package wb.dataset;

/** The part of a dataset an image belongs to. */
public enum Split { TRAIN, VALID, TEST }
