"""Research probe (not the product): the geometry embedding's grids + a plain MLP in PyTorch on the demo's region,
to compare grid layouts, heads and schedules quickly. Held-out odd slices; validation slices 7 and 23; test the rest.

    bin/scrollwork phantom --out /tmp/ph --format nrrd
    /usr/bin/python3 docs/probes/grid_probe.py /tmp/ph "cells=((1,1,32),(1,1,8),(4,4,4),(8,8,8)),F=4,steps=400"

Each argument after the folder is the keyword arguments of run(); prints test PSNR against the scan and the
noise-free scan and the squared error split into air, papyrus and sheet edges. tv=W adds W times the mean absolute
difference of neighbouring grid vertices (tvz=W along z), ema=D evaluates an exponential moving average of the
weights. A cells entry ('x', A, B, K) is the elementwise product of two grid levels of K features (plane x line, as
TensoRF's VM split); ('w', A) is a level read at a warped position, p + d(p), where d is an in-plane displacement
given by a coarse grid of cells kw_warp=(cx,cy,cz) (learning rate kw_wlr), so one z-pooled template can follow
sheets that move across slices. Each run also prints how well the known slices next to the test slices are
denoised and what trilinear interpolation of those denoised slices scores. With TRANSPOSE=1 in the environment the region's y and z axes are swapped, so the held-out slices cut
across the sheets (every second row of the x-y plane) instead of along the scroll axis. Other switches in the
environment: SLICE=K (one slice of the region, rows held out), CLEANIN=1 (learn the noise-free scan), GOFF=0.5 (grid
vertices on voxel centres), FUSE=nlm (a second record, non-local means of the known slices, sharing the grids;
FUSE_READ=1 scores that record's channel), SKIP=1 (a linear path from the features to the logits beside the MLP). A cells entry ('p', CR, NT, CZ) is a level in cylindrical coordinates
about the region's middle; jz=J reads each trained voxel at a random point within J slices of it. INTERP=bspline reads
every level by a cubic B-spline (INTERP=catrom: Catmull-Rom), along the axes in BS_AXES (default xyz), and with
BS_RULE=coarse only along axes whose cells are longer than a voxel (the product's rule). CORNER=1 also gives the MLP the
8 corner codes of the levels in CORNER_LEVELS (default 1x1x8) and the offset in the cell; LIIF=H decodes each corner's
code with the point's offset from it (a small shared layer of H units) and blends the results; CODEBOOK=K makes those
levels' vertices soft choices among K shared codes; l1g=W adds W times their mean absolute feature. perm=1 draws batches
without replacement (every trained voxel once per epoch, as the product's SHUFFLED schedule); fdrop=P / hdrop=P drop the
MLP's input features / hidden units with probability P while training. cycles=C repeats the learning-rate schedule C
times and also scores the mean of the cycle ends' predictions and of their weights.
"""
import sys, time, math, numpy as np, torch
torch.set_num_threads(2)
torch.manual_seed(0)


def read_nrrd(path):
    raw = open(path, 'rb').read()
    return np.frombuffer(raw[raw.index(b'\n\n') + 2:], dtype=np.uint8).reshape(64, 96, 96)


vol = read_nrrd(sys.argv[1] + '/scan-4um-54keV.nrrd')[16:48, 16:80, 16:80].astype(np.float32)  # z,y,x 32x64x64
clean = read_nrrd(sys.argv[1] + '/clean-4um-54keV.nrrd')[16:48, 16:80, 16:80].astype(np.float32)
import os
if os.environ.get('CLEANIN'): vol = clean.copy()  # learn the noise-free scan: interpolation alone, as on a low-noise real slice
GOFF = float(os.environ.get('GOFF', '0'))  # grid vertices shifted by GOFF voxels: 0.5 puts them on voxel centres
if os.environ.get('SLICE'):  # one slice of the region, rows held out (implies TRANSPOSE): the single-image case
    k = int(os.environ['SLICE']); vol = vol[k:k + 1]; clean = clean[k:k + 1]; os.environ['TRANSPOSE'] = '1'
if os.environ.get('TRANSPOSE'):
    vol = np.ascontiguousarray(vol.transpose(1, 0, 2)); clean = np.ascontiguousarray(clean.transpose(1, 0, 2))
nz, ny, nx = vol.shape
held = list(range(1, nz - 1, 2))
val = [7, 23] if nz == 32 else [7, 23, 39, 55]
test = [z for z in held if z not in val]
zz, yy, xx = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
coords = np.stack([xx, yy, zz], -1).reshape(-1, 3).astype(np.float32)
byte = vol.reshape(-1).astype(np.int64)
zflat = zz.reshape(-1)
train_idx = np.where(~np.isin(zflat, held))[0]
val_idx = np.where(np.isin(zflat, val))[0]
test_idx = np.where(np.isin(zflat, test))[0]
C = torch.tensor(coords); B = torch.tensor(byte)

def psnr(a, b):
    return 10 * math.log10(255 ** 2 / np.mean((a - b) ** 2))

FUSE = os.environ.get('FUSE')  # 'nlm': a second record, non-local means of the known slices, in the same frame (cross-record fusion)
if FUSE:
    from skimage.restoration import denoise_nl_means
    known_z = [z for z in range(nz) if z not in held]
    hs = float(os.environ.get('FUSE_H', '0.6'))
    den = denoise_nl_means(vol[known_z] / 255., patch_size=3, patch_distance=5, h=hs * 15 / 255., sigma=15 / 255., fast_mode=True, channel_axis=None) * 255
    nlm_vol = np.zeros_like(vol); nlm_vol[known_z] = den
    C = torch.cat([C, C]); B = torch.cat([B, torch.tensor(np.clip(np.round(nlm_vol), 0, 255).reshape(-1).astype(np.int64))])
    CH = torch.cat([torch.zeros(len(coords)), torch.ones(len(coords))])
    train_idx = np.concatenate([train_idx, train_idx + len(coords)])
    nlm_tri = (nlm_vol[[z - 1 for z in test]] + nlm_vol[[z + 1 for z in test]]) / 2
    print('NLM (h=%.1f sigma) + trilinear: test %.2f clean %.2f' % (hs, psnr(nlm_tri, vol[test]), psnr(nlm_tri, clean[test])))
# trilinear baseline on test slices
tri = (vol[[z - 1 for z in test]] + vol[[z + 1 for z in test]]) / 2
print('trilinear test psnr %.2f' % psnr(tri, vol[test]), 'noisy ceiling n/a' if clean is None else 'vs clean %.2f, ceiling %.2f' % (psnr(tri, clean[test]), psnr(clean[test], vol[test])))

CORNER = bool(os.environ.get('CORNER'))  # CORNER=1: the 8 corner codes and the offset also go to the MLP
LIIF = int(os.environ.get('LIIF', '0'))
INTERP = os.environ.get('INTERP'); BS_AXES = os.environ.get('BS_AXES', 'xyz')
CODEBOOK = int(os.environ.get('CODEBOOK', '0')); CB_TAU = float(os.environ.get('CB_TAU', '1'))
CORNER_LEVELS = [tuple(int(v) for v in c.split('x')) for c in os.environ.get('CORNER_LEVELS', '1x1x8').split(',')]
class Grid(torch.nn.Module):
    def __init__(self, cells, F, T=2 ** 16, init=1e-4):
        super().__init__()
        self.cells = cells; self.F = F
        self.tables = torch.nn.ParameterList()
        self.dims = []
        cells = [c if isinstance(c, tuple) else (c, c, c) for c in cells]
        self.cells = cells
        for c in cells:
            d = [int(math.ceil(n / cc)) + 2 for n, cc in zip((nx, ny, nz), c)]
            self.dims.append(d)
            self.tables.append(torch.nn.Parameter((torch.rand(d[0] * d[1] * d[2], F) * 2 - 1) * init))
        # LIIF=H: each corner's code and the point's offset from it decoded by a small shared layer, blended trilinearly
        # CODEBOOK=K: the CORNER_LEVELS' vertices pick (softly) among K shared codes, so a code is fitted by every vertex
        # that uses it (noise averaged over alike places, as non-local means does)
        if CODEBOOK:
            self.assign = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(t.shape[0], CODEBOOK) * 0.01) for t in self.tables])
            self.books = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(CODEBOOK, F) * 0.5) for t in self.tables])
        self.dec = torch.nn.ModuleList([torch.nn.Sequential(torch.nn.Linear(F + 3, LIIF), torch.nn.GELU()) for _ in cells]) if LIIF else None
    def cubic(self, p, c, d, t):
        # INTERP=bspline|catrom: features read with 4 taps per axis (cubic B-spline: C2, approximating; Catmull-Rom:
        # interpolating), a smoother basis than the trilinear tent; vertices clamped at the table's edges
        g = (p + 0.5) / torch.tensor(c, dtype=torch.float32)
        g0 = torch.floor(g); u = g - g0; g0 = g0.long()
        ws, ix = [], []
        for a in range(3):
            x = u[:, a]
            coarse_only = os.environ.get('BS_RULE') == 'coarse' and (c[a] <= 1 or (nx, ny, nz)[a] <= 1)  # B-spline only across cells > 1 voxel on axes longer than 1
            if 'xyz'[a] not in BS_AXES or coarse_only:
                w = torch.stack([torch.zeros_like(x), 1 - x, x, torch.zeros_like(x)], 1)  # linear along this axis
            elif INTERP == 'bspline':
                w = torch.stack([(1 - x) ** 3 / 6, (3 * x ** 3 - 6 * x ** 2 + 4) / 6, (-3 * x ** 3 + 3 * x ** 2 + 3 * x + 1) / 6, x ** 3 / 6], 1)
            else:
                w = torch.stack([(-x ** 3 + 2 * x ** 2 - x) / 2, (3 * x ** 3 - 5 * x ** 2 + 2) / 2, (-3 * x ** 3 + 4 * x ** 2 + x) / 2, (x ** 3 - x ** 2) / 2], 1)
            k = torch.clamp(g0[:, a:a + 1] + torch.arange(-1, 3)[None], 0, d[a] - 1)
            ws.append(w); ix.append(k)
        w = (ws[0][:, :, None, None] * ws[1][:, None, :, None] * ws[2][:, None, None, :]).reshape(len(p), 64)
        i = (ix[0][:, :, None, None] + d[0] * (ix[1][:, None, :, None] + d[1] * ix[2][:, None, None, :])).reshape(len(p), 64)
        return (w[:, :, None] * t[i]).sum(1)
    def extra_dims(self):
        k = sum(1 for c in self.cells if c in CORNER_LEVELS)
        return k * ((8 * self.F + 3) if CORNER else 0) + k * (LIIF or 0)
    def forward(self, p):
        out = []
        if INTERP:
            return torch.cat([self.cubic(p, c, d, t) for c, d, t in zip(self.cells, self.dims, self.tables)], 1)
        for li, (c, d, t) in enumerate(zip(self.cells, self.dims, self.tables)):
            if CODEBOOK and c in CORNER_LEVELS:
                t = torch.softmax(self.assign[li] / CB_TAU, 1) @ self.books[li]
            g = (p + 0.5 - GOFF) / torch.tensor(c, dtype=torch.float32) + 1.0 * (GOFF > 0)
            g0 = torch.floor(g); f = g - g0; g0 = g0.long()
            acc = 0; corners = []; liif = 0
            for dx in (0, 1):
                for dy in (0, 1):
                    for dz in (0, 1):
                        w = (f[:, 0] if dx else 1 - f[:, 0]) * (f[:, 1] if dy else 1 - f[:, 1]) * (f[:, 2] if dz else 1 - f[:, 2])
                        i = (g0[:, 0] + dx) + d[0] * ((g0[:, 1] + dy) + d[1] * (g0[:, 2] + dz))
                        if CORNER and c in CORNER_LEVELS:
                            corners.append(t[i])  # the corner's own code, unmixed: the MLP learns how to interpolate
                        if LIIF and c in CORNER_LEVELS:
                            off = torch.stack([f[:, 0] - dx, f[:, 1] - dy, f[:, 2] - dz], 1)  # the point seen from this corner
                            liif = liif + w[:, None] * self.dec[self.cells.index(c)](torch.cat([t[i], off], 1))
                        acc = acc + w[:, None] * t[i]
            out.append(acc)
            if CORNER and c in CORNER_LEVELS: out += corners + [f]
            if LIIF and c in CORNER_LEVELS: out.append(liif)
        return torch.cat(out, 1)

class Level(torch.nn.Module):
    def __init__(self, cells, F, init=1e-4, ones=False):
        super().__init__()
        self.c = cells if isinstance(cells, tuple) else (cells, cells, cells)
        self.d = [int(math.ceil(n / cc)) + 2 for n, cc in zip((nx, ny, nz), self.c)]
        t = (torch.rand(self.d[0] * self.d[1] * self.d[2], F) * 2 - 1) * init
        if ones: t = t + 1.0
        self.t = torch.nn.Parameter(t)
    def forward(self, p):
        c, d, t = self.c, self.d, self.t
        g = (p + 0.5) / torch.tensor(c, dtype=torch.float32)
        g = torch.maximum(torch.minimum(g, torch.tensor([d[0] - 2.001, d[1] - 2.001, d[2] - 2.001])), torch.zeros(3))
        g0 = torch.floor(g); f = g - g0; g0 = g0.long()
        acc = 0
        for dx in (0, 1):
            for dy in (0, 1):
                for dz in (0, 1):
                    w = (f[:, 0] if dx else 1 - f[:, 0]) * (f[:, 1] if dy else 1 - f[:, 1]) * (f[:, 2] if dz else 1 - f[:, 2])
                    i = (g0[:, 0] + dx) + d[0] * ((g0[:, 1] + dy) + d[1] * (g0[:, 2] + dz))
                    acc = acc + w[:, None] * t[i]
        return acc

class Prod(torch.nn.Module):
    def __init__(self, a, b, K, init):
        super().__init__()
        self.a = Level(a, K, init=init); self.b = Level(b, K, init=0.1, ones=True)
    def forward(self, p):
        return self.a(p) * self.b(p)

class Polar(torch.nn.Module):
    # a level in cylindrical coordinates about the axis (cx, cy): cells of cr voxels in radius, nt cells around the
    # circle (periodic), cz voxels along z; so cells can be long along the sheets (which wind about the axis)
    def __init__(self, cr, nt, cz, F, centre):
        super().__init__()
        self.cr, self.nt, self.cz, self.centre = cr, nt, cz, centre
        rmax = math.hypot(nx, ny)
        self.dr = int(math.ceil(rmax / cr)) + 2; self.dz = int(math.ceil(nz / cz)) + 2
        self.t = torch.nn.Parameter((torch.rand(self.dr * nt * self.dz, F) * 2 - 1) * 1e-4)
    def forward(self, p):
        q = p + 0.5
        dx = q[:, 0] - self.centre[0]; dy = q[:, 1] - self.centre[1]
        r = torch.sqrt(dx * dx + dy * dy) / self.cr
        th = (torch.atan2(dy, dx) / (2 * math.pi) + 0.5) * self.nt
        zc = q[:, 2] / self.cz
        g = torch.stack([r, th, zc], 1); g0 = torch.floor(g); f = g - g0; g0 = g0.long()
        acc = 0
        for a in (0, 1):
            for b in (0, 1):
                for c in (0, 1):
                    w = (f[:, 0] if a else 1 - f[:, 0]) * (f[:, 1] if b else 1 - f[:, 1]) * (f[:, 2] if c else 1 - f[:, 2])
                    i = (g0[:, 0] + a) + self.dr * (((g0[:, 1] + b) % self.nt) + self.nt * (g0[:, 2] + c))
                    acc = acc + w[:, None] * self.t[i]
        return acc

POLC = (32.0, 32.0)
PINIT = 1e-4
SKIP = bool(os.environ.get('SKIP'))
WARP = None  # cells of the coarse grid that predicts an in-plane displacement (voxels) for the warped levels
WSCALE = 1.0
class Net(torch.nn.Module):
    def __init__(self, cells, F, nfreq, width, depth, bits=False, out=256):
        super().__init__()
        self.polar = torch.nn.ModuleList([Polar(c[1], c[2], c[3], F, POLC) for c in cells if isinstance(c, tuple) and c and c[0] == 'p'])
        cells = [c for c in cells if not (isinstance(c, tuple) and c and c[0] == 'p')]
        warped = [c[1] for c in cells if isinstance(c, tuple) and c and c[0] == 'w']
        self.warped = torch.nn.ModuleList([Level(c, F) for c in warped])
        self.warp = Level(WARP, 2, init=0.0) if (WARP and warped) else None
        cells = [c for c in cells if not (isinstance(c, tuple) and c and c[0] == 'w')]
        plain = [c for c in cells if not (isinstance(c, tuple) and c and c[0] == 'x')]
        prods = [c for c in cells if isinstance(c, tuple) and c and c[0] == 'x']
        self.grid = Grid(plain, F) if plain else None
        self.prods = torch.nn.ModuleList([Prod(c[1], c[2], c[3], PINIT) for c in prods])
        cells = plain
        self.nfreq = nfreq; self.bits = bits
        din = (2 if FUSE else 0) + len(self.polar) * F + len(warped) * F + sum(c[3] for c in prods) + (len(cells) * F + self.grid.extra_dims() if cells else 0) + 6 * nfreq + (17 if bits else 0)
        layers = [torch.nn.Linear(din, width), torch.nn.GELU()]
        for _ in range(depth - 1):
            layers += [torch.nn.Linear(width, width), torch.nn.GELU()] + ([torch.nn.Dropout(HDROP)] if HDROP > 0 else [])
        layers += [torch.nn.Linear(width, out)]
        self.mlp = torch.nn.Sequential(*layers)
        self.skip = torch.nn.Linear(din, out) if SKIP else None  # logits also linear in the features: they interpolate between vertices
    def forward(self, p, ch=None):
        feats = []
        if FUSE:
            c = ch if ch is not None else torch.zeros(len(p))
            feats.append(torch.stack([1 - c, c], 1))
        if self.grid is not None: feats.append(self.grid(p))
        for pr in self.prods: feats.append(pr(p))
        for pl in self.polar: feats.append(pl(p))
        if len(self.warped):
            q = p
            if self.warp is not None:
                d = self.warp(p) * WSCALE
                q = p + torch.cat([d, torch.zeros(len(p), 1)], 1)
            for lv in self.warped: feats.append(lv(q))
        if self.nfreq:
            u = (p + 0.5) / torch.tensor([nx, ny, nz], dtype=torch.float32)
            fr = 2 ** torch.arange(self.nfreq, dtype=torch.float32) * math.pi
            a = (u[:, :, None] * fr).reshape(len(p), -1)
            feats += [torch.sin(a), torch.cos(a)]
        if self.bits:
            ip = p.long()
            bs = [((ip[:, 0] >> k) & 1) for k in range(6)] + [((ip[:, 1] >> k) & 1) for k in range(6)] + [((ip[:, 2] >> k) & 1) for k in range(5)]
            feats.append(torch.stack(bs, 1).float() * 2 - 1)
        x = torch.cat(feats, 1)
        if self.training and FDROP > 0: x = torch.nn.functional.dropout(x, FDROP)
        return self.mlp(x) + self.skip(x) if self.skip is not None else self.mlp(x)

vals = torch.arange(256, dtype=torch.float32)
MIX = 0
def mixture_logp(o):
    # o: [n, 3K] -> log p over 256 bytes [n, 256] (discretized logistic mixture, PixelCNN++)
    K = o.shape[1] // 3
    logit_pi = o[:, :K]; mu = 127.5 + 127.5 * o[:, K:2 * K]; log_s = torch.clamp(o[:, 2 * K:], min=-7) + math.log(127.5)
    s = torch.exp(log_s)
    b = vals[None, :, None]
    up = torch.sigmoid((b + 0.5 - mu[:, None, :]) / s[:, None, :]); lo = torch.sigmoid((b - 0.5 - mu[:, None, :]) / s[:, None, :])
    up = torch.where(b == 255, torch.ones_like(up), up); lo = torch.where(b == 0, torch.zeros_like(lo), lo)
    lp = torch.log(torch.clamp(up - lo, min=1e-12))
    return torch.logsumexp(lp + torch.log_softmax(logit_pi, 1)[:, None, :], 2)
def logp(o):
    return mixture_logp(o) if MIX else torch.log_softmax(o, 1)

def expect(model, idx):
    model.eval()
    with torch.no_grad():
        out = []
        for s in range(0, len(idx), 16384):
            j = idx[s:s + 16384]
            ch = (CH[j] if not os.environ.get('FUSE_READ') else torch.ones(len(j))) if FUSE else None  # FUSE_READ=1: read the NLM record's channel
            out.append((torch.exp(logp(model(C[j], ch))) * vals).sum(1))
        return torch.cat(out).numpy()

def run(name, ens=1, **kw):
    # ens=N: N models from seeds 0..N-1, their expected values averaged (how much variance is left to remove)
    preds = [train(name if ens == 1 else '%s seed %d' % (name, k), seed=k, **kw) for k in range(ens)]
    if ens > 1:
        pt = np.mean(preds, 0); truth = vol[test].reshape(-1)
        extra = '' if clean is None else ' clean %.2f' % psnr(pt, clean[test].reshape(-1))
        print('%-40s test %.2f%s  (mean of %d seeds)' % (name, psnr(pt, truth), extra, ens), flush=True)

WLR = None
FDROP = 0.0; HDROP = 0.0
def train(name, seed=0, cells=(8, 4, 2), F=4, nfreq=0, width=64, depth=2, steps=2000, batch=2048, lr=1e-2, soft=0.0, wd=0.0, bits=False, grid_lr=None, mix=0, tv=0.0, tvz=None, ema=0.0, l2g=0.0, l1g=0.0, kw_warp=None, kw_wscale=1.0, kw_wlr=None, jz=0.0, fdrop=0.0, hdrop=0.0, perm=0, cycles=1):
    global MIX, WARP, WSCALE, WLR, FDROP, HDROP
    FDROP = fdrop; HDROP = hdrop
    MIX = mix; WARP = kw_warp; WSCALE = kw_wscale; WLR = kw_wlr
    torch.manual_seed(seed)
    m = Net(list(cells), F, nfreq, width, depth, bits, 3 * mix if mix else 256)
    groups = [{'params': list(m.mlp.parameters()) + (list(m.skip.parameters()) if m.skip is not None else []), 'lr': lr, 'weight_decay': wd}]
    if m.grid is not None: groups.append({'params': m.grid.parameters(), 'lr': grid_lr or lr, 'weight_decay': 0})
    if len(m.warped): groups.append({'params': m.warped.parameters(), 'lr': grid_lr or lr, 'weight_decay': 0})
    if m.warp is not None: groups.append({'params': m.warp.parameters(), 'lr': WLR or grid_lr or lr, 'weight_decay': 0})
    if len(m.polar): groups.append({'params': m.polar.parameters(), 'lr': grid_lr or lr, 'weight_decay': 0})
    if len(m.prods): groups.append({'params': m.prods.parameters(), 'lr': grid_lr or lr, 'weight_decay': 0})
    opt = torch.optim.AdamW(groups, betas=(0.9, 0.99), eps=1e-15)
    clen = steps // cycles; peaks = [g['lr'] for g in groups]
    def make_sched():
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=peaks, total_steps=clen, pct_start=0.05)
    sched = make_sched(); ends = []; swa = None
    t0 = time.time(); best = (-1, 0); rng = np.random.default_rng(seed)
    if soft > 0:
        k = torch.arange(256, dtype=torch.float32)
    for s in range(steps):
        if perm:
            if s == 0 or off + batch > len(order): order = rng.permutation(len(train_idx)); off = 0
            i = train_idx[order[off:off + batch]]; off += batch
        else:
            i = train_idx[rng.integers(0, len(train_idx), batch)]
        pos = C[i]
        if jz > 0: pos = pos + torch.cat([torch.zeros(len(i), 2), (torch.rand(len(i), 1) * 2 - 1) * jz], 1)  # read a trained voxel anywhere within jz of its slice
        logits = m(pos, CH[i] if FUSE else None); y = B[i]
        if soft > 0:
            tgt = torch.exp(-0.5 * ((k[None] - y[:, None].float()) / soft) ** 2); tgt = tgt / tgt.sum(1, keepdim=True)
            loss = -(torch.log_softmax(logits, 1) * tgt).sum(1).mean()
        elif mix:
            loss = -logp(logits).gather(1, y[:, None]).mean()
        else:
            loss = torch.nn.functional.cross_entropy(logits, y)
        if (tv > 0 or l2g > 0 or l1g > 0) and m.grid is not None:
            for c, d, t in zip(m.grid.cells, m.grid.dims, m.grid.tables):
                g = t.view(d[2], d[1], d[0], -1)
                if tv > 0:
                    wz = tv if tvz is None else tvz
                    loss = loss + tv * ((g[:, :, 1:] - g[:, :, :-1]).abs().mean() + (g[:, 1:] - g[:, :-1]).abs().mean()) + wz * (g[1:] - g[:-1]).abs().mean()
                if l1g > 0 and c in CORNER_LEVELS:
                    loss = loss + l1g * g.abs().mean()
                if l2g > 0:
                    loss = loss + l2g * (g ** 2).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sched.step(); m.train()
        if cycles > 1 and (s + 1) % clen == 0:
            ends.append(expect(m, test_idx)); m.train()
            with torch.no_grad():
                w = [p.detach().clone() for p in m.parameters()]
                swa = w if swa is None else [a + b for a, b in zip(swa, w)]
            if s + 1 < steps: sched = make_sched()
        if ema > 0:
            with torch.no_grad():
                if s == 0:
                    shadow = [p.detach().clone() for p in m.parameters()]
                else:
                    for sp, p in zip(shadow, m.parameters()): sp.mul_(ema).add_(p.detach(), alpha=1 - ema)
        if (s + 1) % (steps // 10) == 0:
            pv = psnr(expect(m, val_idx), vol[val].reshape(-1))
            if pv > best[0]: best = (pv, s + 1)
    el = time.time() - t0
    if ema > 0:
        with torch.no_grad():
            for sp, p in zip(shadow, m.parameters()): p.copy_(sp)
    pt = expect(m, test_idx); truth = vol[test].reshape(-1)
    if cycles > 1:
        se = np.mean(ends, 0)
        print('   snapshot ensemble of %d cycle ends: test %.2f clean %.2f' % (len(ends), psnr(se, truth), psnr(se, clean[test].reshape(-1))))
        with torch.no_grad():
            keep = [p.detach().clone() for p in m.parameters()]
            for p, a in zip(m.parameters(), swa): p.copy_(a / len(ends))
        sw = expect(m, test_idx)
        print('   weight average (SWA) of %d cycle ends: test %.2f clean %.2f' % (len(ends), psnr(sw, truth), psnr(sw, clean[test].reshape(-1))))
        with torch.no_grad():
            for p, a in zip(m.parameters(), keep): p.copy_(a)
    # how well the known slices next to the test slices are denoised, and trilinear of those denoised slices
    shp = (len(test), ny, nx)
    lo = np.array([z - 1 for z in test]); hi = lo + 2
    idx_lo = (lo[:, None, None] * ny * nx + np.arange(ny * nx).reshape(1, ny, nx)).reshape(-1)
    idx_hi = (hi[:, None, None] * ny * nx + np.arange(ny * nx).reshape(1, ny, nx)).reshape(-1)
    plo = expect(m, idx_lo).reshape(shp); phi = expect(m, idx_hi).reshape(shp)
    print('   known neighbours vs clean %.2f ; trilinear of them vs clean %.2f vs scan %.2f' % (psnr(np.concatenate([plo, phi]), np.concatenate([clean[lo], clean[hi]])), psnr((plo + phi) / 2, clean[test]), psnr((plo + phi) / 2, vol[test])))
    extra = '' if clean is None else ' clean %.2f' % psnr(pt, clean[test].reshape(-1))
    print('%-40s test %.2f%s  val-best %.2f@%d  %.1fs' % (name, psnr(pt, truth), extra, best[0], best[1], el), flush=True)
    diagnose(pt)
    return pt

def diagnose(pt):
    cl = clean[test].reshape(-1); nt = vol[test].reshape(-1)
    tri = ((vol[[z - 1 for z in test]] + vol[[z + 1 for z in test]]) / 2).reshape(-1)
    for name, msk in [('air', cl < 50), ('pap', cl > 140), ('edge', (cl >= 50) & (cl <= 140))]:
        print('   %s frac %.2f  aunn mse %.1f  tri mse %.1f' % (name, msk.mean(), np.mean((pt[msk] - cl[msk]) ** 2), np.mean((tri[msk] - cl[msk]) ** 2)))

for spec in sys.argv[2:]:
    kw = eval('dict(' + spec + ')')
    run(spec, **kw)
