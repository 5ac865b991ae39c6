package wb.imaging;

/** How an image is brought to the network's input size. */
public enum ResizePolicy { SQUASH, CROP_CENTER }
