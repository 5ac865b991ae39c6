package wb.model;

/** Gradient-descent update rules offered to users. */
public enum Optimizer { SGD, MOMENTUM, NESTEROV, ADAM, RMSPROP }
