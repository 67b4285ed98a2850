#!/usr/bin/python3
"""Writes v1-tiny.snap from aunn/SNAPSHOT.md alone (independent of the Java writer).

Model: indexBits 2, width 1, depth 0, no memory, no embedding. Parameter p of the k-th tensor
(k counting all groups in order) holds value k + i/1000 at position i.
"""
import json, struct

def crc32c(data):
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF

config = {"indexBits": 2, "width": 1, "depth": 0, "embeddingDim": 0, "memoryUnits": 0, "memoryLrMultiplier": 10.0,
          "dropout": 0.0, "weightDecay": 0.01, "lr": 0.001, "warmupSteps": 1, "totalSteps": 10, "batchSize": 4,
          "gradClip": 1.0, "seed": 3, "encoding": {"kind": "BINARY", "fieldWidths": []}}
params = [("input.weight", [1, 2]), ("input.bias", [1]), ("norm.weight", [1]), ("norm.bias", [1]),
          ("head.weight", [256, 1]), ("head.bias", [256])]
tensors, floats, offset, k = [], [], 0, 0
for group in ("param", "adam_m", "adam_v"):
    for name, shape in params:
        n = 1
        for s in shape:
            n *= s
        tensors.append({"group": group, "name": name, "shape": shape, "offset": offset, "length": n})
        floats += [k + i / 1000.0 for i in range(n)]
        offset += n
        k += 1
header = json.dumps({"formatVersion": 1, "config": config, "step": 7, "optimizerUpdates": 7,
                     "sourceFingerprint": "golden:v1", "tensors": tensors}, separators=(",", ":")).encode()
body = b"AUNNSNAP" + struct.pack(">ii", 1, len(header)) + header + struct.pack("<%df" % len(floats), *floats)
with open("v1-tiny.snap", "wb") as f:
    f.write(body + struct.pack(">I", crc32c(body)) + b"SEND")
