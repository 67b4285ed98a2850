package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.testing.PythonReference;

/**
 * The infill Transformer's training loss and every parameter's gradient, on one span-masked batch with padding,
 * against the same network written in PyTorch (python3-torch) from the description in {@link CharTransformerBlock}, on
 * the exported weights. Dropout is 0, so both sides compute the same function.
 */
@Tag("python")
class CharTransformerTorchReferenceTest {

    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "torch");
    }

    @Test
    void lossAndGradientsMatchPyTorch(@TempDir Path dir) throws IOException {
        CharTransformerConfig c = CharTransformerConfig.of(32, 32, 2, 2, 0f);
        List<String> texts = List.of(NgramModelTest.markovText(5, 3000));
        // 20 steps move the weights off their initial values, so that no parameter's gradient is trivially zero
        try (CharTransformer tf = CharTransformer.train(texts, List.of(), c, new CharTransformerTraining(20, 8, 0.003f, 2, 0.01f, 7), s -> { }, p -> { }, null)) {
            MaskedWindows.Batch b = new MaskedWindows(texts, c).draw(16, new SplitMix64(99));
            StringBuilder manifest = new StringBuilder();
            try (Trainer trainer = tf.model().newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
                 NDManager m = tf.model().getNDManager().newSubManager()) {
                NDArray x = m.create(b.input(), new Shape(b.size(), c.window()));
                NDArray keep = m.create(b.keep(), new Shape(b.size(), c.window()));
                NDArray y = m.create(b.target(), new Shape(b.size(), c.window())).oneHot(CharModel.ALPHABET_SIZE);
                NDArray weight = m.create(b.weight(), new Shape(b.size(), c.window()));
                float loss;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x, keep)).head();
                    NDArray l = logits.logSoftmax(-1).mul(y).sum(new int[] {2}).mul(weight).sum().div(-(float) b.masked());
                    gc.backward(l);
                    loss = l.getFloat();
                }
                for (Pair<String, Parameter> p : tf.block().getParameters()) {
                    NDArray a = p.getValue().getArray();
                    PythonReference.writeFloats(dir.resolve(p.getKey() + ".w.f32"), a.toFloatArray());
                    PythonReference.writeFloats(dir.resolve(p.getKey() + ".g.f32"), a.getGradient().toFloatArray());
                    manifest.append(p.getKey()).append(' ').append(a.getShape().toString().replaceAll("[() ]", "")).append('\n');
                }
                Files.writeString(dir.resolve("params.txt"), manifest.toString());
                Files.writeString(dir.resolve("batch.txt"), b.size() + " " + c.window() + " " + loss + "\n"
                        + join(b.input()) + "\n" + join(b.target()) + "\n" + join(b.weight()) + "\n" + join(b.keep()) + "\n");
            }
            String out = PythonReference.run(dir, script(c));
            System.out.println(out);
            for (String line : out.strip().split("\n")) {
                String[] f = line.split(" ");
                double err = Double.parseDouble(f[1]);
                assertTrue(err < 1e-3, line + " (relative error of the loss or of a gradient, max over elements / max |PyTorch|)");
            }
        }
    }

    private static String join(int[] v) {
        StringBuilder s = new StringBuilder();
        for (int x : v) s.append(x).append(' ');
        return s.toString().trim();
    }

    private static String join(float[] v) {
        StringBuilder s = new StringBuilder();
        for (float x : v) s.append((int) x).append(' ');
        return s.toString().trim();
    }

    private static String script(CharTransformerConfig c) {
        return """
                import math, re, numpy as np, torch, torch.nn.functional as F
                torch.set_num_threads(1)
                LAYERS, HEADS, DIM, W, V, SYMBOLS = %d, %d, %d, %d, %d, %d
                shapes = {}
                for line in open('params.txt'):
                    name, shape = line.split()
                    shapes[name] = tuple(int(s) for s in shape.split(','))
                P = {n: torch.from_numpy(np.fromfile(n + '.w.f32', dtype='<f4').reshape(s)).requires_grad_() for n, s in shapes.items()}
                G = {n: torch.from_numpy(np.fromfile(n + '.g.f32', dtype='<f4').reshape(s)) for n, s in shapes.items()}
                lines = open('batch.txt').read().split('\\n')
                B, T, java_loss = int(lines[0].split()[0]), int(lines[0].split()[1]), float(lines[0].split()[2])
                row = lambda k: torch.tensor([int(v) for v in lines[k].split()]).reshape(B, T)
                inp, tgt, wt, keep = row(1), row(2), row(3).float(), row(4).float()
                def p(*names):
                    # DJL names a child block's parameter NNblock_NNchild_param (NN: the order it was added in); match the parts
                    key = [n for n in P if [re.sub('^[0-9]+', '', part) for part in n.split('_')] == '_'.join(names).split('_')]
                    if len(key) != 1:
                        raise KeyError('_'.join(names) + ' not among ' + ' '.join(sorted(P)))
                    return P[key[0]]
                def ln(x, prefix):
                    return F.layer_norm(x, (DIM,), p(prefix, 'gamma'), p(prefix, 'beta'), 1e-5)
                def lin(x, prefix):
                    return F.linear(x, p(prefix, 'weight'), p(prefix, 'bias'))
                x = F.one_hot(inp, SYMBOLS).float() @ P['symbols'] + P['positions'][:T]
                mask = ((keep - 1) * 1e9)[:, None, None, :]
                i = torch.arange(T)
                dh = DIM // HEADS
                for l in range(LAYERS):
                    L = 'layer%%d' %% l
                    h = ln(x, L + '_norm1')
                    q, k, v = lin(h, L + '_qkv').view(B, T, 3, HEADS, dh).permute(2, 0, 3, 1, 4)
                    s = q @ k.transpose(-1, -2) / math.sqrt(dh)
                    s = s + p(L, 'relative')[:, (i[None, :] - i[:, None]) + W - 1] + mask
                    a = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, DIM)
                    x = x + lin(a, L + '_out')
                    x = x + lin(F.gelu(lin(ln(x, L + '_norm2'), L + '_up')), L + '_down')
                logits = lin(ln(x, 'norm'), 'head')
                loss = -(logits.log_softmax(-1).gather(-1, tgt[..., None])[..., 0] * wt).sum() / wt.sum()
                loss.backward()
                print('loss', abs(loss.item() - java_loss) / abs(loss.item()))
                for n in shapes:
                    ref = P[n].grad
                    scale = ref.abs().max().item()
                    print(n, ((G[n] - ref).abs().max().item() / scale) if scale > 0 else G[n].abs().max().item())
                """.formatted(c.layers(), c.heads(), c.dim(), c.window(), CharModel.ALPHABET_SIZE, c.inputSymbols());
    }
}
