package org.scrollwork.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DJL's Adam (AdamW when the weight decay is positive) for a {@link CharLm} or a {@link CharTransformer}, with a state that can be saved and
 * restored exactly: the engine's fused update as {@code Optimizer.adam()} / {@code adamW()} use it (β1 0.9, β2 0.999, ε
 * 1e-8, bias-corrected step), each gradient element clipped to ±1 before it (the kernel's own clip, PyTorch engine
 * 0.35, is {@code clamp_max} alone, which let large negative gradients through), its moments kept by parameter name rather than by DJL's
 * random parameter ids, and the learning rate read from the schedule at the update count. A run resumed from
 * {@link #exportState()} continues exactly the run it was saved from.
 */
final class CharLmAdam extends Optimizer {

    static final float BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-8f, CLIP = 1f;

    /** The optimizer's state: updates applied and the two moments of every parameter, by name. */
    record State(int updates, Map<String, float[]> firstMoment, Map<String, float[]> secondMoment) {}

    private final Tracker schedule;
    private final boolean decoupled;
    private final NDManager manager;
    private final Map<String, String> nameOfId = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, NDArray> mean = new LinkedHashMap<>(), variance = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override protected Builder self() { return this; }
    }

    /**
     * @param weightDecay AdamW's decoupled weight decay; 0 = Adam
     * @param manager owns the moments (a sub-manager of the model's; closed with it)
     */
    CharLmAdam(ai.djl.nn.Block block, Tracker schedule, float weightDecay, NDManager manager) {
        super(new Builder().optWeightDecays(weightDecay));
        this.schedule = schedule;
        this.decoupled = weightDecay > 0;
        this.manager = manager;
        for (Pair<String, Parameter> p : block.getParameters()) {
            nameOfId.put(p.getValue().getId(), p.getKey());
            shapes.put(p.getKey(), p.getValue().getArray().getShape());
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameOfId.get(parameterId);
        if (name == null) throw new IllegalStateException("not a parameter of this model: " + parameterId);
        int t = counts.merge(name, 1, Integer::sum);
        double coef1 = 1.0 - Math.pow(BETA1, t), coef2 = 1.0 - Math.pow(BETA2, t);
        float lr = schedule.getNewValue(t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        NDArray m = mean.computeIfAbsent(name, k -> manager.zeros(shapes.get(k)));
        NDArray v = variance.computeIfAbsent(name, k -> manager.zeros(shapes.get(k)));
        // the engine's fused kernel clips with clamp_max only (a gradient of -5 would pass as -5): clip both ways here
        try (NDArray clipped = grad.clip(-CLIP, CLIP)) {
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, clipped, m, v), new NDList(weight), lr, corrected, getWeightDecay(),
                    rescaleGrad, -1f, BETA1, BETA2, EPSILON, true, decoupled);
        }
    }

    /** The state after the last update (every parameter has been updated equally often). */
    State exportState() {
        Map<String, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
        int updates = counts.getOrDefault(shapes.keySet().iterator().next(), 0);
        for (String name : shapes.keySet()) {
            if (counts.getOrDefault(name, 0) != updates) throw new IllegalStateException("parameters updated unequally: " + counts);
            m.put(name, mean.containsKey(name) ? mean.get(name).toFloatArray() : new float[(int) shapes.get(name).size()]);
            v.put(name, variance.containsKey(name) ? variance.get(name).toFloatArray() : new float[(int) shapes.get(name).size()]);
        }
        return new State(updates, m, v);
    }

    /** Restores a state from {@link #exportState()}. @throws IllegalArgumentException if it does not fit the model */
    void importState(State s) {
        if (!s.firstMoment().keySet().equals(shapes.keySet()) || !s.secondMoment().keySet().equals(shapes.keySet()))
            throw new IllegalArgumentException("optimizer state names " + s.firstMoment().keySet() + " do not match the model's " + shapes.keySet());
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String name = e.getKey();
            put(mean, name, s.firstMoment().get(name), e.getValue());
            put(variance, name, s.secondMoment().get(name), e.getValue());
            counts.put(name, s.updates());
        }
    }

    private void put(Map<String, NDArray> into, String name, float[] values, Shape shape) {
        if (values.length != shape.size()) throw new IllegalArgumentException("optimizer state of " + name + " has " + values.length + " values, expected " + shape.size());
        NDArray old = into.put(name, manager.create(values, shape));
        if (old != null) old.close();
    }

    /** Parameter names in model order. */
    List<String> names() { return List.copyOf(shapes.keySet()); }
}
