package wb.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Feeds our channels-first (NCHW) image tensors to a layer that expects channels-last (NHWC) input, as
 * Keras models imported with TensorFlow's default data format do. Serialised with the network (DL4J
 * stores pre-processors by class name), so a saved model keeps accepting the workbench's tensors.
 */
public final class ChannelsLastInput implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    /** What the pre-processor does; a property so the JSON form is not an empty object. */
    private String permutation = "NCHW->NHWC";

    public String getPermutation() { return permutation; }

    public void setPermutation(String permutation) { this.permutation = permutation; }

    @Override public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (input.size(1) == 1 && contiguous(input)) { // one channel: the same memory, another shape
            return mgr.leverageTo(ArrayType.ACTIVATIONS, input.reshape('c', input.size(0), input.size(2), input.size(3), 1));
        }
        return mgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 3, 1), 'c');
    }

    @Override public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        if (output.size(3) == 1 && contiguous(output)) {
            return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, output.reshape('c', output.size(0), 1, output.size(1), output.size(2)));
        }
        return mgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 3, 1, 2), 'c');
    }

    private static boolean contiguous(INDArray a) {
        return a.rank() == 4 && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    @Override public InputPreProcessor clone() { return new ChannelsLastInput(); }

    @Override public InputType getOutputType(InputType in) {
        if (!(in instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("channels-last conversion needs image input, not " + in);
        }
        return InputType.convolutional(c.getHeight(), c.getWidth(), c.getChannels(), CNN2DFormat.NHWC);
    }

    @Override public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int miniBatchSize) {
        return new Pair<>(mask, state);
    }

    @Override public boolean equals(Object o) { return o instanceof ChannelsLastInput; }

    @Override public int hashCode() { return ChannelsLastInput.class.hashCode(); }
}
