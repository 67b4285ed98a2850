// Worked example for ImageJ/Fiji with the Scrollwork plugin (Plugins > Scrollwork).
// Every run(...) line is what the macro recorder (Plugins > Macros > Record...) writes for that command;
// copy the file, edit the paths at the top, and run it with Plugins > Macros > Run... (or fiji --headless -macro).
// Make a phantom and a two-level OME-Zarr pyramid of its 4 µm scan first:
//   bin/scrollwork phantom --out /tmp/scrollwork-example/phantom --size 96,96,64
//   bin/scrollwork convert /tmp/scrollwork-example/phantom/scan-4um-54keV.ome.zarr /tmp/scrollwork-example/scan.ome.zarr --pyramid 2

base = "/tmp/scrollwork-example";
scan = base + "/scan.ome.zarr";

// 1. Open the 8 µm level of the OME-Zarr pyramid (level 0 is the finest), calibrated in µm.
run("OME-Zarr (Scrollwork)...", "path=[" + scan + "] level=1");
getVoxelSize(w, h, d, unit);
print("opened " + getTitle() + ": " + getWidth() + "x" + getHeight() + "x" + nSlices + ", voxel " + w + " " + unit);

// 2. Add it to a corpus (created if missing); its calibration becomes the record's voxel size.
run("Add image to corpus...", "corpus=[" + base + "/corpus] modality=ct");

// 3. Train a small AUNN on the corpus (few steps; Esc stops, rerunning resumes).
run("Train AUNN...", "corpus=[" + base + "/corpus] run=[" + base + "/run] steps=200 width=128 depth=3 batch=512 lr=0.002 schedule=random seed=1");

// 4. Reconstruct a box: the rectangle over slices 10..13 is held out, an AUNN learns the rest of the image,
//    and its reconstruction of the box opens as a new image.
makeRectangle(8, 8, 24, 16);
run("Reconstruct box...", "first=10 last=13 work=[" + base + "/reconstruct] steps=200 width=128 depth=3 batch=512 lr=0.002 schedule=random seed=1");

// 5. The stored scan record (id 1; 0 is its metadata record) and what the trained model predicts for it.
run("Render record...", "corpus=[" + base + "/corpus] record=1 source=stored run=[" + base + "/run]");
run("Render record...", "corpus=[" + base + "/corpus] record=1 source=model run=[" + base + "/run]");

// 6. The run's report in a browser (a clear message when the run has none yet).
// run("Open run report...", "run=[" + base + "/run]");
