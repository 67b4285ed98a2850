"""Research probe (not the product): the geometry embedding on the multi-resolution task in PyTorch. The default
phantom at 4 µm and 8 µm (`bin/scrollwork phantom --out DIR --format nrrd`), the 4 µm octant x >= 48, y < 48, z < 32
held out, scored against the 4 µm scan. MODE is how an 8 µm voxel is read while training: jitter (one random point
inside it), avglogit (the mean of the logits at the 8 finer-voxel centres it covers, fine channel; avglogit1: its own
channel), mse (the mean of their expected values, squared error), mix (the mean of their distributions); MODE:SEED
sets the seed.

    /usr/bin/python3 docs/probes/multires_probe.py DIR jitter avglogit avglogit:1
    CELLS="[(1,1,64),(1,1,32),(1,1,8),(4,4,4),(8,8,8)]" /usr/bin/python3 docs/probes/multires_probe.py DIR avglogit   # other grid levels
"""
import sys, time, math, numpy as np, torch
torch.set_num_threads(2)
def rd(p, shape):
    raw = open(p, 'rb').read(); return np.frombuffer(raw[raw.index(b'\n\n') + 2:], dtype=np.uint8).reshape(shape).astype(np.float32)
D = sys.argv[1]
fine = rd(D + '/scan-4um-54keV.nrrd', (64, 96, 96))   # z,y,x
coarse = rd(D + '/scan-8um-54keV.nrrd', (32, 48, 48))
nz, ny, nx = fine.shape
zz, yy, xx = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
octant = (xx >= 48) & (yy < 48) & (zz < 32)
fpos = np.stack([xx + 0.5, yy + 0.5, zz + 0.5], -1).reshape(-1, 3).astype(np.float32)
fval = fine.reshape(-1)
tr = ~octant.reshape(-1)
Fp = torch.tensor(fpos[tr]); Fb = torch.tensor(fval[tr]).long()
Hp = torch.tensor(fpos[~tr]); Hv = fval[~tr]
cz, cy, cx = coarse.shape
z2, y2, x2 = np.meshgrid(np.arange(cz), np.arange(cy), np.arange(cx), indexing='ij')
cpos = np.stack([2 * x2 + 1.0, 2 * y2 + 1.0, 2 * z2 + 1.0], -1).reshape(-1, 3).astype(np.float32)
Cp = torch.tensor(cpos); Cb = torch.tensor(coarse.reshape(-1)).long()
offs = torch.tensor([[dx, dy, dz] for dx in (-.5, .5) for dy in (-.5, .5) for dz in (-.5, .5)], dtype=torch.float32)
def psnr(a, b): return 10 * math.log10(255 ** 2 / np.mean((a - b) ** 2))
# tricubic-ish baseline: trilinear upsampling of coarse at fine centres
import scipy.ndimage as ndi
u = (np.arange(nx) + 0.5) / 2 - 0.5
Z, Y, X = np.meshgrid(u[:nz], u[:ny], u, indexing='ij')
tril = ndi.map_coordinates(coarse, [Z, Y, X], order=1, mode='nearest')
cub = ndi.map_coordinates(coarse, [Z, Y, X], order=3, mode='nearest')
print('trilinear %.2f  cubic-spline %.2f' % (psnr(tril[octant], fine[octant]), psnr(cub[octant], fine[octant])))
import os
cells = eval(os.environ.get("CELLS", "[(1, 1, 32), (1, 1, 8), (4, 4, 4), (8, 8, 8)]"))
class Net(torch.nn.Module):
    def __init__(s, F=2, W=64):
        super().__init__()
        s.dims = [[int(math.ceil(n / c)) + 2 for n, c in zip((nx, ny, nz), cc)] for cc in cells]
        s.t = torch.nn.ParameterList([torch.nn.Parameter((torch.rand(d[0] * d[1] * d[2], F) * 2 - 1) * 1e-4) for d in s.dims])
        s.ch = torch.nn.Parameter(torch.randn(2, 8) * 0.1)
        s.mlp = torch.nn.Sequential(torch.nn.Linear(len(cells) * F + 8, W), torch.nn.GELU(), torch.nn.Linear(W, W), torch.nn.GELU(), torch.nn.Linear(W, 256))
    def forward(s, p, ch):
        out = []
        for c, d, t in zip(cells, s.dims, s.t):
            g = p / torch.tensor(c, dtype=torch.float32); g0 = torch.floor(g); f = g - g0; g0 = g0.long(); acc = 0
            for dx in (0, 1):
                for dy in (0, 1):
                    for dz in (0, 1):
                        w = (f[:, 0] if dx else 1 - f[:, 0]) * (f[:, 1] if dy else 1 - f[:, 1]) * (f[:, 2] if dz else 1 - f[:, 2])
                        acc = acc + w[:, None] * t[(g0[:, 0] + dx) + d[0] * ((g0[:, 1] + dy) + d[1] * (g0[:, 2] + dz))]
            out.append(acc)
        out.append(s.ch[ch])
        return s.mlp(torch.cat(out, 1))
vals = torch.arange(256, dtype=torch.float32)
def run(mode, steps=400, batch=2048, lr=5e-3, seed=0, wmse=1.0):
    if ':' in mode: mode, seed = mode.split(':'); seed = int(seed)
    torch.manual_seed(seed); rng = np.random.default_rng(seed)
    m = Net()
    opt = torch.optim.AdamW([{'params': m.mlp.parameters(), 'lr': lr}, {'params': list(m.t.parameters()) + [m.ch], 'lr': lr * 5, 'weight_decay': 0}], betas=(0.9, 0.999))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[lr, lr * 5], total_steps=steps, pct_start=0.1)
    nf, nc = len(Fp), len(Cp); frac = nc / (nf + nc); t0 = time.time()
    for s in range(steps):
        kc = rng.binomial(batch, frac); kf = batch - kc
        i = torch.tensor(rng.integers(0, nf, kf)); j = torch.tensor(rng.integers(0, nc, kc))
        lf = torch.nn.functional.cross_entropy(m(Fp[i], torch.zeros(kf, dtype=torch.long)), Fb[i], reduction='sum')
        if mode == 'jitter':
            p = Cp[j] + (torch.rand(kc, 3) - 0.5)
            lc = torch.nn.functional.cross_entropy(m(p, torch.ones(kc, dtype=torch.long)), Cb[j], reduction='sum')
        else:
            p = (Cp[j][:, None, :] + offs[None]).reshape(-1, 3)
            chn = torch.ones(len(p), dtype=torch.long) if mode.endswith('1') else torch.zeros(len(p), dtype=torch.long)
            lg = m(p, chn).reshape(kc, 8, 256)
            if mode == 'mse':
                e = (torch.softmax(lg, -1) * vals).sum(-1).mean(1)
                lc = wmse * (((e - Cb[j].float()) / 15.0) ** 2).sum()
            elif mode == 'mix':
                lp = torch.logsumexp(torch.log_softmax(lg, -1), 1) - math.log(8)
                lc = -lp.gather(1, Cb[j][:, None]).sum()
            elif mode.startswith('avglogit'):
                lc = torch.nn.functional.cross_entropy(lg.mean(1), Cb[j], reduction='sum')
        loss = (lf + lc) / batch
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    with torch.no_grad():
        pr = torch.cat([(torch.softmax(m(Hp[k:k + 16384], torch.zeros(len(Hp[k:k + 16384]), dtype=torch.long)), -1) * vals).sum(-1) for k in range(0, len(Hp), 16384)]).numpy()
    print('%-10s octant %.2f  (%.0f s)' % (mode, psnr(pr, Hv), time.time() - t0), flush=True)
for mode in sys.argv[2:]:
    run(mode)
