package wb.imaging;

/**
 * How pixels outside the source are filled by {@link ImageOps#warpAffine} and {@link ImageOps#pad};
 * the names and meanings are Keras's {@code fill_mode}. For input {@code abcd}:
 * <ul>
 *   <li>{@link #NEAREST}: {@code aaaa|abcd|dddd} (OpenCV {@code BORDER_REPLICATE})</li>
 *   <li>{@link #CONSTANT}: {@code kkkk|abcd|kkkk} with a fill value k (OpenCV {@code BORDER_CONSTANT})</li>
 *   <li>{@link #REFLECT}: {@code dcba|abcd|dcba}, the edge pixel repeated (OpenCV {@code BORDER_REFLECT})</li>
 *   <li>{@link #WRAP}: {@code abcd|abcd|abcd} (OpenCV {@code BORDER_WRAP})</li>
 * </ul>
 * Keras documents 'reflect' as {@code abcddcba|abcd|dcbaabcd} and implements it with scipy.ndimage's
 * 'reflect' mode (half-sample symmetric), which includes the edge pixel. That is OpenCV's
 * {@code BORDER_REFLECT}, not {@code BORDER_REFLECT_101} ({@code dcb|abcd|cba}, scipy's 'mirror').
 */
public enum FillMode {
    NEAREST, CONSTANT, REFLECT, WRAP
}
