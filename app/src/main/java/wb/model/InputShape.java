package wb.model;

/** The tensor a network takes: channels x height x width. */
public record InputShape(int channels, int height, int width) {
    public InputShape {
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("input channels must be 1 or 3, not " + channels);
        if (height < 8 || width < 8) throw new IllegalArgumentException("input size must be at least 8x8, not " + width + "x" + height);
    }

    public int[] chw() { return new int[] {channels, height, width}; }

    @Override public String toString() { return channels + "x" + height + "x" + width; }
}
