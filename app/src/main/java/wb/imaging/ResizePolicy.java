package wb.imaging;

/** How {@link ImageOps#resize} reconciles a source aspect ratio that differs from the target's. */
public enum ResizePolicy {
    /** Stretch both axes independently to the target size; keeps all content, distorts shapes. */
    SQUASH,
    /**
     * Keep the aspect ratio: scale so the shorter side matches the target, then cut the overflow evenly
     * from both ends of the longer side (Rosebrock's AspectAwarePreprocessor, "Deep Learning for
     * Computer Vision with Python", Starter Bundle ch. 11). Loses content at the edges, never distorts.
     */
    CROP_CENTER
}
