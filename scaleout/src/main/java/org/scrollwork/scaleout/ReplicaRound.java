package org.scrollwork.scaleout;

import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.ShuffledEpochs;
import org.scrollwork.corpus.Corpus;

/**
 * What one partition does in one round of data-parallel training: load the broadcast state into a fresh replica,
 * train {@code k} local steps on its shard (batches drawn without replacement, each epoch of the shard in a fresh order,
 * seeded per shard, counter-based in the step), return the replica's state. Runs inside the JVM's {@link TrainingSlot}.
 */
public final class ReplicaRound {
    private ReplicaRound() {}

    /** The schedule seed of shard {@code shard}: independent streams per shard from one run seed. */
    static long shardSeed(long seed, int shard) { return SplitMix64.forKey(seed, 0x5348415244L, shard).nextLong(); }

    public static ReplicaState train(String corpusDir, TrainSettings settings, ReplicaState start, int shard, int shards, int localSteps) throws Exception {
        return TrainingSlot.call(() -> {
            long begin = System.nanoTime();
            Corpus corpus = ExecutorCache.corpus(corpusDir);
            ShardSource source = new ShardSource(corpus, shard, shards);
            try (AunnModel model = new AunnModel(settings.config()); AunnTrainer trainer = new AunnTrainer(model)) {
                start.applyTo(trainer);
                long t0 = System.nanoTime();
                double last = trainer.train(source, new ShuffledEpochs(settings.batchSize(), shardSeed(settings.seed(), shard)), localSteps);
                ReplicaState out = ReplicaState.of(trainer, last, (System.nanoTime() - t0) / 1e9, 0);
                return out.withTaskSeconds((System.nanoTime() - begin) / 1e9);
            }
        });
    }
}
