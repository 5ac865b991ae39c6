package wb.imaging;

/**
 * What a decoded file was: its container format (by content, not by name), its pixel size, the number
 * of channels it decoded to, and its size on disk.
 */
public record ImageInfo(String format, int width, int height, int channels, long fileBytes) { }
