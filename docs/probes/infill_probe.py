#!/usr/bin/env python3
"""PyTorch probe of the language prior's character Transformer (CharTransformer): the same network, masking and
training as the DJL model, so that a variant can be tried in minutes and a fault told from a design limit.

    /usr/bin/python3 docs/probes/infill_probe.py SBLGNT.sqlite "steps=500,lr=1e-3,OPTION=VALUE,..."

SBLGNT.sqlite is the cached corpus (`~/.cache/scrollwork/greek/sblgnt.sqlite`, fetched by `bin/scrollwork lm train`).
Options (defaults = the DJL model's): dim=128 layers=4 heads=4 window=128 dropout=0.1 batch=32 steps=1000 lr=1e-3
warmup=100 wd=0.01 clip=1 (per-element gradient clip, 0 = none) normclip=0 (global norm clip, 0 = none)
spans=1 (multiplies the number of masked spans per training window; validation keeps 1) rel=steep|alibi|none (relative bias initialisation: slope 1 centred on a neighbour, ALiBi's geometric slopes, or no
relative bias) pos=sin|none seed=0 threads=2 evalevery=250.
Prints validation bits per masked letter on the same kind of fixed draw as `CharTransformer.heldOutBits` (256
span-masked windows of books 60-61; not the same random draw as the Java one) and single-letter top-1 on it.
"""
import math
import sqlite3
import sys
import time
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F

ALPHABET = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
INDEX = {c: i for i, c in enumerate(ALPHABET)}


def normalize(s):
    out = []
    for ch in s:
        for c in unicodedata.normalize("NFD", ch):
            if unicodedata.combining(c):
                continue
            c = "Σ" if c in "ςϲϹ" else c.upper()
            if c in INDEX:
                out.append(INDEX[c])
    return out


def books(db):
    con = sqlite3.connect(db)
    text = {}
    for book, greek in con.execute("SELECT book, greek FROM sblgnt ORDER BY rowid"):
        text.setdefault(book, []).append(greek or "")
    return {b: torch.tensor(normalize(" ".join(ws)), dtype=torch.long) for b, ws in text.items()}


def parse(argv):
    o = dict(dim=128, layers=4, heads=4, window=128, dropout=0.1, batch=32, steps=1000, lr=1e-3, warmup=100, wd=0.01,
             clip=1.0, normclip=0.0, rel="steep", pos="sin", seed=0, threads=2, evalevery=250, spans=1.0)
    if len(argv) > 2 and argv[2]:
        for kv in argv[2].split(","):
            k, v = kv.split("=")
            o[k] = type(o[k])(v) if not isinstance(o[k], str) else v
    return o


V = len(ALPHABET)
MASK, PAD = V, V + 1


def draw(texts, o, g):
    """Span-masked windows as MaskedWindows draws them: half cut short (>= 16) and padded, 1..n/20 spans of 1-10, 5 % singles."""
    w, b = o["window"], o["batch"]
    lens = torch.tensor([len(t) - w + 1 for t in texts], dtype=torch.float)
    inp = torch.full((b, w), PAD, dtype=torch.long)
    tgt = torch.zeros((b, w), dtype=torch.long)
    wt = torch.zeros((b, w))
    keep = torch.zeros((b, w))
    for i in range(b):
        k = torch.multinomial(lens, 1, generator=g).item()
        pos = torch.randint(0, len(texts[k]) - w + 1, (1,), generator=g).item()
        n = w if torch.rand(1, generator=g).item() >= 0.5 else 16 + torch.randint(0, w - 16 + 1, (1,), generator=g).item()
        seg = texts[k][pos:pos + n]
        tgt[i, :n] = seg
        inp[i, :n] = seg
        keep[i, :n] = 1
        spans = 1 + torch.randint(0, max(1, int(n / 20 * o["spans"])), (1,), generator=g).item()
        for _ in range(spans):
            ln = 1 + torch.randint(0, 10, (1,), generator=g).item()
            at = torch.randint(0, n - ln + 1, (1,), generator=g).item()
            wt[i, at:at + ln] = 1
        wt[i, :n] = torch.maximum(wt[i, :n], (torch.rand(n, generator=g) < 0.05).float())
        inp[i][wt[i] > 0] = MASK
    return inp, tgt, wt, keep


class Layer(nn.Module):
    def __init__(self, o):
        super().__init__()
        d, h, w = o["dim"], o["heads"], o["window"]
        self.h = h
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.up, self.down = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)
        self.drop = nn.Dropout(o["dropout"])
        self.w = w
        self.rel = nn.Parameter(torch.zeros(h, 2 * w - 1)) if o["rel"] != "none" else None
        if o["rel"] == "steep":
            off = torch.arange(2 * w - 1) - (w - 1)
            for i in range(h):
                c = (-1 if i % 2 == 0 else 1) * (i // 2 + 1)
                self.rel.data[i] = -(off - c).abs().float()
        elif o["rel"] == "alibi":
            off = torch.arange(2 * w - 1) - (w - 1)
            for i in range(h):
                self.rel.data[i] = -(off.abs().float()) * 2.0 ** (-8.0 * (i + 1) / h)

    def forward(self, x, bias):
        b, t, d = x.shape
        dh = d // self.h
        q, k, v = self.qkv(self.n1(x)).view(b, t, 3, self.h, dh).permute(2, 0, 3, 1, 4)
        s = q @ k.transpose(-1, -2) / math.sqrt(dh)
        if self.rel is not None:
            i = torch.arange(t)
            s = s + self.rel[:, (i[None, :] - i[:, None]) + self.w - 1]
        s = s + bias
        a = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.out(a))
        return x + self.drop(self.down(F.gelu(self.up(self.n2(x)))))


class Net(nn.Module):
    def __init__(self, o):
        super().__init__()
        d, w = o["dim"], o["window"]
        self.sym = nn.Parameter(torch.randn(V + 2, d) * 0.02)
        pe = torch.zeros(w, d)
        if o["pos"] == "sin":
            p = torch.arange(w).float()[:, None]
            i = torch.arange(0, d, 2).float()
            ang = p / 10000 ** (i / d)
            pe[:, 0::2] = 0.02 * math.sqrt(2) * torch.sin(ang)
            pe[:, 1::2] = 0.02 * math.sqrt(2) * torch.cos(ang)
        self.pos = nn.Parameter(pe)
        self.layers = nn.ModuleList([Layer(o) for _ in range(o["layers"])])
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, V)
        self.drop = nn.Dropout(o["dropout"])
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.02)
                nn.init.zeros_(m.bias)

    def forward(self, inp, keep):
        t = inp.shape[1]
        x = self.drop(self.sym[inp] + self.pos[:t])
        bias = ((keep - 1) * 1e9)[:, None, None, :]
        for l in self.layers:
            x = l(x, bias)
        return self.head(self.norm(x))


def masked_bits(net, texts, o, windows=256, seed=12345):
    g = torch.Generator().manual_seed(seed)
    ob = dict(o, batch=32, spans=1.0)  # the same masks whatever the training masks
    nats, n, top1, singles = 0.0, 0, 0, 0
    net.eval()
    with torch.no_grad():
        for _ in range(windows // 32):
            inp, tgt, wt, keep = draw(texts, ob, g)
            lp = net(inp, keep).log_softmax(-1)
            nll = -lp.gather(-1, tgt[..., None])[..., 0]
            nats += (nll * wt).sum().item()
            n += wt.sum().item()
            top1 += ((lp.argmax(-1) == tgt).float() * wt).sum().item()
    net.train()
    return nats / n / math.log(2), top1 / n


def main():
    o = parse(sys.argv)
    torch.set_num_threads(o["threads"])
    torch.manual_seed(o["seed"])
    bk = books(sys.argv[1])
    train = [bk[b] for b in range(40, 60)]
    val = [bk[b] for b in range(60, 62)]
    net = Net(o)
    decay = [p for n, p in net.named_parameters()]
    opt = torch.optim.AdamW(decay, lr=o["lr"], betas=(0.9, 0.999), eps=1e-8, weight_decay=o["wd"])
    g = torch.Generator().manual_seed(o["seed"] + 1)
    steps, warm, lr = o["steps"], o["warmup"], o["lr"]
    print("params", sum(p.numel() for p in net.parameters()), o, flush=True)
    t0, run = time.time(), None
    for s in range(1, steps + 1):
        f = s / max(1, warm) if s <= warm else 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1, (s - warm) / max(1, steps - warm))))
        for pg in opt.param_groups:
            pg["lr"] = lr * f
        inp, tgt, wt, keep = draw(train, o, g)
        lp = net(inp, keep).log_softmax(-1)
        loss = -(lp.gather(-1, tgt[..., None])[..., 0] * wt).sum() / wt.sum()
        opt.zero_grad()
        loss.backward()
        if o["clip"] > 0:
            for p in net.parameters():
                p.grad.clamp_(-o["clip"], o["clip"])
        if o["normclip"] > 0:
            nn.utils.clip_grad_norm_(net.parameters(), o["normclip"])
        opt.step()
        bits = loss.item() / math.log(2)
        run = bits if run is None else 0.98 * run + 0.02 * bits
        if s % 50 == 0:
            print(f"step {s} train {run:.3f} bits ({time.time() - t0:.0f} s)", flush=True)
        if s % o["evalevery"] == 0 or s == steps:
            vb, t1 = masked_bits(net, val, o)
            print(f"step {s} validation {vb:.3f} bits/masked letter, top-1 {t1:.3f}", flush=True)


if __name__ == "__main__":
    main()
