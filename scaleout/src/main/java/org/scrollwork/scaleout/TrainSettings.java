package org.scrollwork.scaleout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;

/**
 * The model and optimizer settings of a data-parallel training, in a form Spark can ship to executors: the whole
 * {@link AunnConfig} (embedding, body, batch, learning-rate schedule, seed) as JSON, as snapshots store it.
 * {@code scrollwork spark train} builds it from {@link org.scrollwork.pipeline.TrainingDefaults} like {@code scrollwork train}.
 *
 * @param configJson the config; its {@code totalSteps} is the steps of one replica over the whole run (rounds x local
 *                   steps), the learning-rate schedule's length
 */
public record TrainSettings(String configJson) implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Settings that train {@code config}. */
    public static TrainSettings of(AunnConfig config) {
        try {
            return new TrainSettings(JSON.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the model config as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The seed's ±1 index bits into a dense {@code width}×{@code depth} MLP, with explicit optimizer settings (the
     * settings of the data-parallel tests and benchmark).
     */
    public static TrainSettings bits(int indexBits, int width, int depth, int batchSize, double lr, int warmupSteps, int totalSteps, double weightDecay, long seed) {
        return of(AunnConfig.defaults().withIndexBits(indexBits).withShape(width, depth).withBatchSize(batchSize)
                .withOptim(lr, warmupSteps, totalSteps, weightDecay).withSeed(seed).withEncoding(EncodingSpec.binary()));
    }

    public AunnConfig config() {
        try {
            return JSON.readValue(configJson, AunnConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the model config " + configJson + ": " + e.getMessage(), e);
        }
    }

    public int batchSize() { return config().batchSize(); }

    public long seed() { return config().seed(); }

    /** The same settings with another schedule length (a single-process baseline that takes every step itself). */
    public TrainSettings withTotalSteps(int steps, int warmup) {
        AunnConfig c = config();
        return of(c.withOptim(c.lr(), warmup, steps, c.weightDecay()));
    }
}
