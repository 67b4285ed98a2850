"""Research probe: the best linear filter of the known 3x3x4 neighbourhood (slices z-3, z-1, z+1, z+3) predicting the
demo region's odd slices, fitted by least squares on half of those voxels themselves and scored on the other half:
an oracle bound for linear interpolation methods, against the scan and the noise-free scan.

    bin/scrollwork phantom --out /tmp/ph --format nrrd
    /usr/bin/python3 docs/probes/linear_oracle.py /tmp/ph
"""
import math, sys
import numpy as np


def read_nrrd(path):
    raw = open(path, 'rb').read()
    return np.frombuffer(raw[raw.index(b'\n\n') + 2:], dtype=np.uint8).reshape(64, 96, 96).astype(float)


def psnr(a, b):
    return 10 * math.log10(255 ** 2 / np.mean((a - b) ** 2))


n = read_nrrd(sys.argv[1] + '/scan-4um-54keV.nrrd')
c = read_nrrd(sys.argv[1] + '/clean-4um-54keV.nrrd')
offs = [(dz, dy, dx) for dz in (-3, -1, 1, 3) for dy in range(-1, 2) for dx in range(-1, 2)]
X, yn, yc = [], [], []
for z in range(17, 47, 2):  # the odd slices of the region z = 16..47
    for y in range(16, 80):
        for x in range(16, 80):
            X.append([n[z + dz, y + dy, x + dx] for dz, dy, dx in offs])
            yn.append(n[z, y, x])
            yc.append(c[z, y, x])
X, yn, yc = np.array(X), np.array(yn), np.array(yc)
X1 = np.c_[X, np.ones(len(X))]
h = len(X) // 2
w = np.linalg.lstsq(X1[:h], yn[:h], rcond=None)[0]
p = X1[h:] @ w
tri = (X[h:, offs.index((-1, 0, 0))] + X[h:, offs.index((1, 0, 0))]) / 2
print('linear filter oracle: scan %.2f dB, noise-free %.2f dB' % (psnr(p, yn[h:]), psnr(p, yc[h:])))
print('trilinear, same voxels: scan %.2f dB, noise-free %.2f dB' % (psnr(tri, yn[h:]), psnr(tri, yc[h:])))
