#!/usr/bin/env bash
# Worked example: a phantom scroll -> a corpus -> a short AUNN training run -> what is in it.
# Copy this file and edit the variables; every step is a `scrollwork` command (see `bin/scrollwork --help`).
#
#   workflows/scripts/phantom-ingest-train.sh [WORK_DIR]
#
# Takes about a minute on two cores with the defaults below. Rerunning resumes training.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scrollwork="$here/bin/scrollwork"

work="${1:-runs/example-$(date +%Y%m%d-%H%M%S)}"
size="${SIZE:-64,64,32}"     # phantom size in voxels (x,y,z) at 4 µm
seed=1
steps="${STEPS:-300}"          # training steps; the demo uses 1500
width=128            # MLP width
depth=3              # residual blocks

mkdir -p "$work"

# 1. A synthetic scroll with known ground truth: scans at 4 and 8 µm, 54 and 70 keV, label volumes, text.
"$scrollwork" phantom --out "$work/phantom" --size "$size" --seed "$seed" --format ome-zarr
scan="$work/phantom/scan-4um-54keV.ome.zarr"

# 2. What the scan file holds (headers only): shape, type, voxel size, energy.
"$scrollwork" info "$scan"

# 3. Into a corpus (one indexed byte list); ink labels aligned with the scan so their indices differ only in block bits.
"$scrollwork" ingest --corpus "$work/corpus" "$scan"
scan_record=1        # record 0 is the scan's metadata record, 1 the scan itself
"$scrollwork" ingest --corpus "$work/corpus" --align-with "$scan_record" --modality inklabels "$work/phantom/inklabels-4um.ome.zarr"

# 4. Hold out a box of the scan (never trained, scored at every evaluation).
"$scrollwork" mask "$work/corpus" --record "$scan_record" --box 16,16,8,48,48,16 --heldout

# 5. Train; metrics.jsonl and model.aunn land in the run directory.
"$scrollwork" train --corpus "$work/corpus" --run "$work/run" --steps "$steps" --width "$width" --depth "$depth"

# 6. What the corpus holds now, and an integrity check.
"$scrollwork" corpus "$work/corpus"
"$scrollwork" verify "$work/corpus"
echo "Example finished: $work (open $scan in Fiji with File > Import > OME-Zarr (Scrollwork)...)"
