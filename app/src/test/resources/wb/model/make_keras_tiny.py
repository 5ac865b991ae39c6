"""Regenerates keras-tiny.h5 and keras-tiny-expected.json (run with Debian's /usr/bin/python3, which has h5py).

keras-tiny.h5 is a small Keras 2 Sequential model (Conv2D 3x3 'same' ReLU -> MaxPooling2D 2 -> Flatten ->
Dense 6 ReLU -> Dense 3 softmax, input 8x8x3, channels_last) written with h5py in the layout model.save()
produces, so DL4J's KerasModelImport can be tested without TensorFlow. The JSON holds two test images in
channels-first order (as the workbench feeds them) and the probabilities computed here with NumPy, following
Keras semantics, so the test checks that the import (and the channels-last input conversion) is exact.
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(7)


def dense_cfg(name, units, activation):
    return {"class_name": "Dense", "config": {"name": name, "trainable": True, "dtype": "float32", "units": units,
            "activation": activation, "use_bias": True,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}


layers = [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 8, 8, 3], "dtype": "float32", "sparse": False, "name": "input_1"}},
    {"class_name": "Conv2D", "config": {"name": "conv", "trainable": True, "dtype": "float32", "filters": 4, "kernel_size": [3, 3],
        "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "relu",
        "use_bias": True, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}},
    {"class_name": "MaxPooling2D", "config": {"name": "pool", "trainable": True, "dtype": "float32", "pool_size": [2, 2],
        "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}},
    {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32", "data_format": "channels_last"}},
    dense_cfg("fc", 6, "relu"),
    dense_cfg("predictions", 3, "softmax"),
]
w = {
    "conv": [("kernel:0", rng.normal(0, 0.3, (3, 3, 3, 4)).astype("float32")), ("bias:0", rng.normal(0, 0.1, (4,)).astype("float32"))],
    "fc": [("kernel:0", rng.normal(0, 0.3, (64, 6)).astype("float32")), ("bias:0", rng.normal(0, 0.1, (6,)).astype("float32"))],
    "predictions": [("kernel:0", rng.normal(0, 0.8, (6, 3)).astype("float32")), ("bias:0", rng.normal(0, 0.1, (3,)).astype("float32"))],
}

with h5py.File("keras-tiny.h5", "w") as f:
    f.attrs["keras_version"] = b"2.4.0"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"name": "tiny", "layers": layers}}).encode()
    g = f.create_group("model_weights")
    names = ["conv", "pool", "flatten", "fc", "predictions"]
    g.attrs["layer_names"] = np.array([n.encode() for n in names])
    g.attrs["backend"] = b"tensorflow"
    g.attrs["keras_version"] = b"2.4.0"
    for n in names:
        lg = g.create_group(n)
        ws = w.get(n, [])
        lg.attrs["weight_names"] = np.array([(n + "/" + k).encode() for k, _ in ws])
        for k, v in ws:
            lg.create_dataset(n + "/" + k, data=v)


def forward(x):  # x: N,H,W,C
    k, b = w["conv"][0][1], w["conv"][1][1]
    p = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    conv = np.zeros(x.shape[:3] + (4,), dtype=np.float64)
    for i in range(8):
        for j in range(8):
            conv[:, i, j, :] = np.einsum("nhwc,hwco->no", p[:, i:i + 3, j:j + 3, :], k) + b
    conv = np.maximum(conv, 0)
    pool = conv.reshape(x.shape[0], 4, 2, 4, 2, 4).max(axis=(2, 4))
    flat = pool.reshape(x.shape[0], -1)  # Keras flattens channels-last: (h, w, c)
    fc = np.maximum(flat @ w["fc"][0][1] + w["fc"][1][1], 0)
    z = fc @ w["predictions"][0][1] + w["predictions"][1][1]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


x = rng.uniform(0, 1, (2, 8, 8, 3)).astype("float32")
with open("keras-tiny-expected.json", "w") as f:
    json.dump({"inputNchw": x.transpose(0, 3, 1, 2).reshape(2, -1).tolist(), "probabilities": forward(x.astype(np.float64)).tolist()}, f)
