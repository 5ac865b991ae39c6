package wb.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Prepares the network for a phase (moves the freeze point), called by the trainer on the training thread
 * before the phase's first epoch, and when a resumed run starts inside a phase. Returns the network to
 * train from then on: the same one when nothing changes, or a rebuilt one with the same weights.
 */
@FunctionalInterface
public interface PhaseSwitch {
    ComputationGraph enter(TrainingPhase phase, ComputationGraph current);
}
