package wb.model;

/** One row of a network's layer table. */
public record LayerInfo(String name, String type, String outputShape, long parameters, boolean frozen) { }
