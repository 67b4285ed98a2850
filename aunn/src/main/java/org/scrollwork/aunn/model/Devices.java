package org.scrollwork.aunn.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Device choice: the first GPU when the engine sees one, else the CPU. */
public final class Devices {
    private Devices() {}

    /** {@code Device.gpu()} if the PyTorch engine reports a GPU, otherwise {@code Device.cpu()}. */
    public static Device best() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}
