package org.scrollwork.aunn.model;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.testing.PythonReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same forward pass in PyTorch (python3-torch, written independently from the formulas in
 * {@link AunnConfig}) on exported weights: logits agree to 1e-4. Also checks the binary encoding,
 * which the Python side computes itself.
 */
@Tag("python")
class TorchReferenceTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "torch");
    }

    @Test
    void logitsMatchPyTorch(@TempDir Path dir) throws IOException {
        AunnConfig c = Fixtures.small().withHeads(0, 5);
        InMemoryByteSource src = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
        long[] idx = new long[300];
        for (int i = 0; i < idx.length; i++) idx[i] = (i * 40503L + 11) & 0xFFFF;
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 2), 20); // non-trivial weights: biases, norms, memory all moved
            Map<String, float[]> p = m.exportParameters();
            StringBuilder names = new StringBuilder();
            for (ParamSpec s : m.specs()) {
                PythonReference.writeFloats(dir.resolve(s.name() + ".f32"), p.get(s.name()));
                names.append(s.name()).append(' ');
            }
            StringBuilder idxText = new StringBuilder();
            for (long i : idx) idxText.append(i).append(' ');
            Files.writeString(dir.resolve("indices.txt"), idxText.toString().trim());
            PythonReference.writeFloats(dir.resolve("java_logits.f32"), Predictor.logits(m, idx, 128));
            String out = PythonReference.run(dir, script(c));
            double diff = Double.parseDouble(out.trim());
            System.out.println("max |logit(DJL) - logit(PyTorch)| = " + diff);
            assertTrue(diff < 1e-4, "max abs logit difference " + diff);
        }
    }

    private static String script(AunnConfig c) {
        return """
                import numpy as np, torch, torch.nn.functional as F
                torch.set_num_threads(1)
                BITS, W, DEPTH, MEM = %d, %d, %d, %d
                def load(name, *shape):
                    return torch.from_numpy(np.fromfile(name + '.f32', dtype='<f4').reshape(shape))
                idx = np.array([int(x) for x in open('indices.txt').read().split()], dtype=np.int64)
                bits = ((idx[:, None] >> np.arange(BITS - 1, -1, -1)[None, :]) & 1) * 2.0 - 1.0
                x = torch.from_numpy(bits.astype(np.float32))
                h = F.linear(x, load('input.weight', W, BITS), load('input.bias', W))
                if MEM > 0:
                    h = h + F.linear(load('memory.units', MEM)[None, :], load('memory.proj', W, MEM))
                for i in range(DEPTH):
                    p = 'blocks.%%d.' %% i
                    a = F.layer_norm(h, (W,), load(p + 'norm.weight', W), load(p + 'norm.bias', W), 1e-5)
                    u = F.gelu(F.linear(a, load(p + 'fc1.weight', W, W), load(p + 'fc1.bias', W)))
                    h = h + F.linear(u, load(p + 'fc2.weight', W, W), load(p + 'fc2.bias', W))
                z = F.layer_norm(h, (W,), load('norm.weight', W), load('norm.bias', W), 1e-5)
                logits = F.linear(z, load('head.weight', 256, W), load('head.bias', 256))
                java = torch.from_numpy(np.fromfile('java_logits.f32', dtype='<f4').reshape(len(idx), 256))
                print(float((logits - java).abs().max()))
                """.formatted(c.indexBits(), c.width(), c.depth(), c.memoryUnits());
    }
}
