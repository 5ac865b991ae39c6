package wb.dataset;

/** How {@link DatasetWriter} placed files in a new layout without duplicating the originals where possible. */
public enum LinkMode {
    /** Relative symbolic links (the default, like fast.ai's sample sets). */
    SYMLINK,
    /** Hard links, used when the file system refuses symbolic links. */
    HARDLINK,
    /** Plain copies, the last resort (for example across drives without link support). */
    COPY
}
