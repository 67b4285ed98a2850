package org.scrollwork.scaleout;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.aunn.train.AdamW;
import org.scrollwork.aunn.train.AunnTrainer;

/**
 * A model replica's full training state: parameters, AdamW moments and update count, and the step (which sets
 * the learning rate). Plain arrays, so Spark ships it with Java serialization.
 *
 * @param trainBits    mean training loss (bits) of the replica's last local step, NaN for a merged state
 * @param trainSeconds seconds the replica spent in its training steps (NaN for a merged state)
 * @param taskSeconds  seconds the replica's task spent holding the training slot: setting up the replica, training,
 *                     exporting its state (NaN for a merged state)
 */
public record ReplicaState(LinkedHashMap<String, float[]> params, long adamUpdates, LinkedHashMap<String, float[]> firstMoment,
                           LinkedHashMap<String, float[]> secondMoment, long step, double trainBits, double trainSeconds, double taskSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The state held by {@code trainer} and its model. */
    static ReplicaState of(AunnTrainer trainer, double trainBits, double trainSeconds, double taskSeconds) {
        AdamW.State s = trainer.optimizer().exportState();
        return new ReplicaState(new LinkedHashMap<>(trainer.model().exportParameters()), s.updates(), new LinkedHashMap<>(s.firstMoment()),
                new LinkedHashMap<>(s.secondMoment()), trainer.step(), trainBits, trainSeconds, taskSeconds);
    }

    ReplicaState withTaskSeconds(double seconds) {
        return new ReplicaState(params, adamUpdates, firstMoment, secondMoment, step, trainBits, trainSeconds, seconds);
    }

    /** Loads this state into {@code trainer} and its model. */
    void applyTo(AunnTrainer trainer) {
        trainer.model().importParameters(params);
        trainer.optimizer().importState(new AdamW.State(adamUpdates, firstMoment, secondMoment));
        trainer.setStep(step);
    }

    /**
     * The element-wise mean of the replicas' parameters and AdamW moments (summed in double). All replicas must
     * have taken the same steps.
     *
     * @throws IllegalArgumentException if the replicas disagree on steps, names or sizes
     */
    public static ReplicaState average(List<ReplicaState> replicas) {
        if (replicas.isEmpty()) throw new IllegalArgumentException("nothing to average");
        ReplicaState first = replicas.get(0);
        for (ReplicaState r : replicas) {
            if (r.step != first.step || r.adamUpdates != first.adamUpdates) {
                throw new IllegalArgumentException("replicas at different steps: " + r.step + " and " + first.step);
            }
        }
        return new ReplicaState(mean(replicas, ReplicaState::params), first.adamUpdates, mean(replicas, ReplicaState::firstMoment),
                mean(replicas, ReplicaState::secondMoment), first.step, Double.NaN, Double.NaN, Double.NaN);
    }

    private static LinkedHashMap<String, float[]> mean(List<ReplicaState> replicas, java.util.function.Function<ReplicaState, Map<String, float[]>> part) {
        LinkedHashMap<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : part.apply(replicas.get(0)).entrySet()) {
            int n = e.getValue().length;
            double[] sum = new double[n];
            for (ReplicaState r : replicas) {
                float[] a = part.apply(r).get(e.getKey());
                if (a == null || a.length != n) throw new IllegalArgumentException("replica lacks " + e.getKey() + " or has another size");
                for (int i = 0; i < n; i++) sum[i] += a[i];
            }
            float[] m = new float[n];
            for (int i = 0; i < n; i++) m[i] = (float) (sum[i] / replicas.size());
            out.put(e.getKey(), m);
        }
        return out;
    }
}
