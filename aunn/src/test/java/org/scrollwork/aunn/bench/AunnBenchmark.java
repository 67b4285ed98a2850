package org.scrollwork.aunn.bench;

import ai.djl.ndarray.NDManager;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.testing.PythonReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark harness (prints a table; no asserts): training and inference samples/s of a
 * 40 -> 4x512 -> 256 AUNN at batch 4096, fp32, DJL vs the same model in PyTorch
 * (/usr/bin/python3, python3-torch, 2 threads each), run alternately; then serial (batch 1)
 * update latency at index positions 1e3 .. 1e12.
 *
 * <p>Run: {@code bin/bench aunn org.scrollwork.aunn.bench.AunnBenchmark}
 */
public final class AunnBenchmark {
    private static final int BATCH = 4096;
    private static final int ROUNDS = 3;
    private static final int TRAIN_STEPS = 6;
    private static final int INFER_STEPS = 10;
    private static final long[] POSITIONS = {1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L};

    private AunnBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        AunnConfig c = new AunnConfig(40, 512, 4, 0, 0, 10.0, 0.0, 0.01, 1e-3, 10, 1000, BATCH, 1.0, 1L, EncodingSpec.binary());
        Path dir = Files.createTempDirectory("aunn-bench");
        List<double[]> djl = new ArrayList<>();
        List<double[]> torch = new ArrayList<>();
        double[] djlSerial;
        long params;
        GemmPeak gemm = GemmPeak.measure();
        double peak = gemm.measuredFlops();
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            params = m.parameterCount();
            System.out.printf(Locale.ROOT, "model 40 -> 4x512 -> 256, %d parameters, batch %d, fp32, device %s%n", m.parameterCount(), BATCH, m.device());
            for (int r = 0; r < ROUNDS; r++) {
                djl.add(new double[] {djlTrain(t, r), djlInfer(m, r)});
                String out = PythonReference.run(dir, PYTHON.formatted(BATCH, TRAIN_STEPS, INFER_STEPS, r == ROUNDS - 1 ? 1 : 0));
                String[] f = out.trim().split("\n")[0].trim().split("\\s+");
                torch.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
                if (r == ROUNDS - 1) torchSerial = out.trim().split("\n")[1].trim();
                System.out.printf(Locale.ROOT, "round %d: DJL train %.0f infer %.0f | PyTorch train %.0f infer %.0f samples/s%n",
                        r + 1, djl.get(r)[0], djl.get(r)[1], torch.get(r)[0], torch.get(r)[1]);
            }
            djlSerial = serial(t);
        }
        double djlTrain = median(djl, 0), djlInfer = median(djl, 1), ptTrain = median(torch, 0), ptInfer = median(torch, 1);
        System.out.println();
        System.out.println("| 40 -> 4x512 -> 256, batch 4096, fp32, 2 threads | DJL 0.35.1 (PyTorch 2.7.1) | PyTorch 1.13 (Debian) | DJL / PyTorch |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| training samples/s (median of %d) | %.0f | %.0f | %.2f |%n", ROUNDS, djlTrain, ptTrain, djlTrain / ptTrain);
        System.out.printf(Locale.ROOT, "| inference samples/s (median of %d) | %.0f | %.0f | %.2f |%n", ROUNDS, djlInfer, ptInfer, djlInfer / ptInfer);
        // Model FLOPs: 2 per weight per sample forward, 6 for a training step (forward + backward for inputs and weights).
        System.out.println();
        System.out.printf(Locale.ROOT, "| model-FLOPs utilization against the best measured fp32 GEMM rate (%.1f GFLOP/s at %d², DJL, 2 threads; theoretical %.1f GFLOP/s = %s) | DJL | PyTorch |%n",
                peak / 1e9, gemm.bestSize(), gemm.theoreticalFlops() / 1e9, gemm.theoreticalBasis());
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| training (6 FLOPs/weight/sample) | %.0f%% | %.0f%% |%n", 100 * djlTrain * 6 * params / peak, 100 * ptTrain * 6 * params / peak);
        System.out.printf(Locale.ROOT, "| inference (2 FLOPs/weight/sample) | %.0f%% | %.0f%% |%n", 100 * djlInfer * 2 * params / peak, 100 * ptInfer * 2 * params / peak);
        String[] pts = torchSerial.split("\\s+");
        System.out.println();
        System.out.println("| serial update (batch 1), median µs | index 1e3 | index 1e6 | index 1e9 | index 1e12 |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| DJL | %.0f | %.0f | %.0f | %.0f |%n", djlSerial[0], djlSerial[1], djlSerial[2], djlSerial[3]);
        System.out.printf(Locale.ROOT, "| PyTorch | %s | %s | %s | %s |%n", pts[0], pts[1], pts[2], pts[3]);
    }

    private static String torchSerial = "";

    private static double djlTrain(AunnTrainer t, int round) {
        SplitMix64 r = new SplitMix64(round);
        long[][] idx = new long[TRAIN_STEPS + 1][];
        int[][] bytes = new int[TRAIN_STEPS + 1][];
        for (int s = 0; s <= TRAIN_STEPS; s++) {
            idx[s] = new long[BATCH];
            bytes[s] = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                idx[s][i] = r.nextLong(1L << 40);
                bytes[s][i] = (int) r.nextLong(256);
            }
        }
        t.step(idx[0], bytes[0]); // warm-up
        long t0 = System.nanoTime();
        for (int s = 1; s <= TRAIN_STEPS; s++) t.step(idx[s], bytes[s]);
        return TRAIN_STEPS * (double) BATCH / ((System.nanoTime() - t0) / 1e9);
    }

    private static double djlInfer(AunnModel m, int round) {
        SplitMix64 r = new SplitMix64(100 + round);
        long[] idx = new long[BATCH];
        for (int i = 0; i < BATCH; i++) idx[i] = r.nextLong(1L << 40);
        try (NDManager root = NDManager.newBaseManager(m.device())) {
            try (NDManager sm = root.newSubManager()) {
                m.forward(sm, idx, false).logits().toFloatArray();
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < INFER_STEPS; s++) {
                try (NDManager sm = root.newSubManager()) {
                    m.forward(sm, idx, false).logits().softmax(1).toFloatArray();
                }
            }
            return INFER_STEPS * (double) BATCH / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double[] serial(AunnTrainer t) {
        double[] out = new double[POSITIONS.length];
        for (int p = 0; p < POSITIONS.length; p++) {
            long[] times = new long[300];
            for (int i = -50; i < times.length; i++) {
                long idx = POSITIONS[p] + Math.max(i, 0);
                long t0 = System.nanoTime();
                t.step(new long[] {idx}, new int[] {(int) (idx & 0xFF)});
                if (i >= 0) times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            out[p] = times[times.length / 2] / 1e3;
        }
        return out;
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return v[v.length / 2];
    }

    /** The same model, optimizer and data path in PyTorch; prints "train infer" samples/s, then serial µs. */
    private static final String PYTHON = """
            import time, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
            torch.set_num_threads(2)
            BATCH, TRAIN_STEPS, INFER_STEPS, SERIAL = %d, %d, %d, %d
            BITS, W, DEPTH = 40, 512, 4
            class Block(nn.Module):
                def __init__(s):
                    super().__init__(); s.norm = nn.LayerNorm(W); s.fc1 = nn.Linear(W, W); s.fc2 = nn.Linear(W, W)
                def forward(s, h):
                    return h + s.fc2(F.gelu(s.fc1(s.norm(h))))
            class Aunn(nn.Module):
                def __init__(s):
                    super().__init__(); s.input = nn.Linear(BITS, W); s.blocks = nn.ModuleList([Block() for _ in range(DEPTH)])
                    s.norm = nn.LayerNorm(W); s.head = nn.Linear(W, 256)
                def forward(s, x):
                    h = s.input(x)
                    for b in s.blocks: h = b(h)
                    return s.head(s.norm(h))
            torch.manual_seed(0)
            model = Aunn()
            opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
            rng = np.random.default_rng(0)
            shifts = np.arange(BITS - 1, -1, -1)
            def encode(idx):
                return torch.from_numpy((((idx[:, None] >> shifts[None, :]) & 1) * 2.0 - 1.0).astype(np.float32))
            def step(idx, labels):
                logits = model(encode(idx))
                loss = F.cross_entropy(logits, torch.from_numpy(labels))
                opt.zero_grad(set_to_none=True); loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
                return float(loss)
            data = [(rng.integers(0, 1 << 40, BATCH), rng.integers(0, 256, BATCH)) for _ in range(TRAIN_STEPS + 1)]
            step(*data[0])
            t0 = time.perf_counter()
            for i in range(1, TRAIN_STEPS + 1): step(*data[i])
            train = TRAIN_STEPS * BATCH / (time.perf_counter() - t0)
            idx = rng.integers(0, 1 << 40, BATCH)
            with torch.no_grad():
                F.softmax(model(encode(idx)), 1).numpy()
                t0 = time.perf_counter()
                for i in range(INFER_STEPS): F.softmax(model(encode(idx)), 1).numpy()
            infer = INFER_STEPS * BATCH / (time.perf_counter() - t0)
            print(train, infer)
            if SERIAL:
                res = []
                for pos in (10**3, 10**6, 10**9, 10**12):
                    times = []
                    for i in range(-50, 300):
                        j = pos + max(i, 0)
                        t0 = time.perf_counter(); step(np.array([j]), np.array([j & 255])); dt = time.perf_counter() - t0
                        if i >= 0: times.append(dt)
                    res.append('%%.0f' %% (sorted(times)[len(times) // 2] * 1e6))
                print(' '.join(res))
            """;
}
