package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.FormatException;
import org.scrollwork.pipeline.TrainingRun;

/**
 * The Scrollwork commands in ImageJ/Fiji menus ({@code plugins.config}): the argument names the
 * command. Each asks its parameters with a {@link Parameters} dialog (macro-recordable; read from
 * the macro options when run headless), then calls a headless-callable class
 * ({@link VolumeImport}, {@link CorpusImages}, {@link Training}, {@link BoxReconstruction},
 * {@link RecordImages}, {@link RunReport}). Progress goes to the status bar; Esc cancels.
 */
public final class ScrollworkPlugin implements PlugIn {
    public static final String IMPORT_ZARR = "import-ome-zarr";
    public static final String IMPORT_TIFF_FOLDER = "import-tiff-folder";
    public static final String ADD_TO_CORPUS = "add-to-corpus";
    public static final String TRAIN = "train";
    public static final String RECONSTRUCT = "reconstruct";
    public static final String FINETUNE = "finetune";
    public static final String RENDER = "render";
    public static final String REPORT = "report";

    private static final String PREF = "scrollwork.";
    private static volatile ImagePlus lastOutput;

    static {
        // The plugin jar carries PyTorch's native library; without this DJL would try the network first.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Override public void run(String arg) {
        // ImageJ loads plugin jars with its own class loader; DJL finds its engine through the thread's
        // context class loader, which in ImageJ's macro and menu threads cannot see this jar.
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ScrollworkPlugin.class.getClassLoader());
        try {
            execute(arg, Progress.imageJ());
        } catch (CancelledException e) {
            IJ.showStatus("Scrollwork: cancelled");
        } catch (FormatException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            IJ.error("Scrollwork", e.getMessage());
        } catch (RuntimeException e) {
            IJ.log("Scrollwork: " + e);
            IJ.error("Scrollwork", "internal error: " + e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /**
     * Runs one command (asking its parameters), with errors thrown rather than shown.
     *
     * @return the image the command produced (also shown, or made the current image when headless), or null
     */
    public static ImagePlus execute(String command, Progress progress) {
        switch (command == null ? "" : command) {
            case IMPORT_ZARR: return show(importZarr(progress));
            case IMPORT_TIFF_FOLDER: return show(importTiffFolder(progress));
            case ADD_TO_CORPUS: addToCorpus(progress); return null;
            case TRAIN: train(progress); return null;
            case RECONSTRUCT: return show(reconstruct(progress));
            case FINETUNE: finetune(progress); return null;
            case RENDER: return show(render(progress));
            case REPORT: report(); return null;
            default: throw new IllegalArgumentException("unknown Scrollwork command '" + command + "'");
        }
    }

    /** The image the last command produced (what a headless caller inspects). */
    public static ImagePlus lastOutput() { return lastOutput; }

    private static ImagePlus importZarr(Progress progress) {
        Path path = Path.of(new Parameters("OME-Zarr (Scrollwork)").directory("path to the .zarr store", Prefs.get(PREF + "zarr", "")).ask().required("path"));
        String[] levels = VolumeImport.levelChoices(path);
        int level = levels.length == 1 ? 0
                : VolumeImport.parseLevel(new Parameters("OME-Zarr (Scrollwork)").message(path.getFileName() + " has " + levels.length + " resolution levels")
                        .choice("level", levels, levels[0]).ask().required("level"));
        Prefs.set(PREF + "zarr", path.toString());
        return VolumeImport.open(path, level, progress);
    }

    private static ImagePlus importTiffFolder(Progress progress) {
        Path path = Path.of(new Parameters("TIFF slice folder (Scrollwork)").directory("folder of 00000.tif, 00001.tif, ...", Prefs.get(PREF + "tiffs", ""))
                .ask().required("folder"));
        Prefs.set(PREF + "tiffs", path.toString());
        return VolumeImport.open(path, 0, progress);
    }

    private static CorpusRecord addToCorpus(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters.Values v = new Parameters("Add image to corpus").directory("corpus directory", Prefs.get(PREF + "corpus", ""))
                .string("modality (ct, inklabels, ...)", "ct").ask();
        Path dir = Path.of(v.required("corpus"));
        try (Corpus corpus = CorpusImages.openOrCreate(dir)) {
            CorpusRecord r = CorpusImages.append(corpus, imp, v.required("modality"), progress);
            Prefs.set(PREF + "corpus", dir.toString());
            IJ.log(String.format("Scrollwork: '%s' is record %d of %s (%s, %s, voxel size %s)", imp.getTitle(), r.id(), dir, r.shape(),
                    r.dataType().numpyName(), r.meta().voxelSizeUm().map(s -> s.xUm() + "×" + s.yUm() + "×" + s.zUm() + " µm").orElse("absent")));
            return r;
        }
    }

    private static TrainingRun.Metrics train(Progress progress) {
        Parameters p = new Parameters("Train AUNN").directory("corpus directory", Prefs.get(PREF + "corpus", ""))
                .directory("run directory", Prefs.get(PREF + "run", ""));
        Parameters.Values v = TrainingSettings.addTo(p, TrainingSettings.QUICK).ask();
        Path corpusDir = Path.of(v.required("corpus")), runDir = Path.of(v.required("run"));
        try (Corpus corpus = Corpus.open(corpusDir)) {
            TrainingRun.Metrics m = Training.train(corpus, runDir, TrainingSettings.from(v), progress);
            Prefs.set(PREF + "run", runDir.toString());
            log("trained", runDir, m);
            return m;
        }
    }

    private static ImagePlus reconstruct(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters p = new Parameters("Reconstruct box")
                .message("Holds out the rectangle selection (the whole slice without one) over the slice range,")
                .message("trains an AUNN on the rest of the image and shows its reconstruction of the box.")
                .number("first slice", 1).number("last slice", imp.getStackSize())
                .directory("work directory", defaultWorkDir(imp, "reconstruct"));
        Parameters.Values v = TrainingSettings.addTo(p, TrainingSettings.QUICK).ask();
        Box box = box(imp, v.integer("first"), v.integer("last"));
        BoxReconstruction.Result r = BoxReconstruction.run(imp, box, Path.of(v.required("work")), TrainingSettings.from(v), progress);
        IJ.log(String.format("Scrollwork: reconstructed x %d..%d, y %d..%d, slices %d..%d of '%s': held-out %.3f bits/byte, RMS error %.2f against the image",
                box.x0(), box.x1() - 1, box.y0(), box.y1() - 1, box.z0() + 1, box.z1(), imp.getTitle(), r.heldOutBits(), r.rmse()));
        return r.image();
    }

    private static TrainingRun.Metrics finetune(Progress progress) {
        ImagePlus imp = currentImage();
        Parameters p = new Parameters("Finetune on image")
                .message("Starts a new run from a trained run's weights and trains it on the current image.")
                .directory("base run directory", Prefs.get(PREF + "run", ""))
                .directory("run directory (new)", defaultWorkDir(imp, "finetune"));
        Parameters.Values v = TrainingSettings.addTo(p, TrainingSettings.QUICK).ask();
        Path base = Path.of(v.required("base")), runDir = Path.of(v.required("run"));
        Path corpusDir = runDir.resolve("corpus");
        try (Corpus corpus = CorpusImages.openOrCreate(corpusDir)) {
            if (corpus.records().isEmpty()) CorpusImages.append(corpus, imp, "ct", progress);
            TrainingRun.Metrics m = Training.finetune(corpus, base, runDir, TrainingSettings.from(v), progress);
            Prefs.set(PREF + "run", runDir.toString());
            log("finetuned " + base + " on '" + imp.getTitle() + "' ->", runDir, m);
            return m;
        }
    }

    private static ImagePlus render(Progress progress) {
        Parameters.Values v = new Parameters("Render record").directory("corpus directory", Prefs.get(PREF + "corpus", ""))
                .number("record id", 1).choice("source", new String[] {"stored", "model"}, "stored")
                .directory("run directory (for source=model)", Prefs.get(PREF + "run", "")).ask();
        int id = v.integer("record");
        try (Corpus corpus = Corpus.open(Path.of(v.required("corpus")))) {
            if (v.required("source").equals("stored")) return RecordImages.stored(corpus, id, progress);
            try (TrainedModel model = TrainedModel.load(Path.of(v.required("run")), corpus)) {
                if (!model.trainedOn(corpus)) IJ.log("Scrollwork: the model in " + v.string("run") + " was trained on another state of the corpus");
                return RecordImages.predicted(model.model(), corpus, id, RecordImages.whole(corpus, id), progress);
            }
        }
    }

    private static void report() {
        Path runDir = Path.of(new Parameters("Open run report").directory("run directory", Prefs.get(PREF + "run", "")).ask().required("run"));
        Path report = GraphicsEnvironment.isHeadless() ? RunReport.locate(runDir) : RunReport.open(runDir);
        IJ.showStatus("Scrollwork: " + report);
    }

    /** The box of the rectangle selection's bounds (the whole slice without one) over slices {@code first..last} (1-based, inclusive). */
    static Box box(ImagePlus imp, int first, int last) {
        if (first < 1 || last > imp.getStackSize() || first > last) {
            throw new IllegalArgumentException("slices " + first + ".." + last + " are not a range of '" + imp.getTitle() + "' (1.." + imp.getStackSize() + ")");
        }
        Roi roi = imp.getRoi();
        Rectangle r = roi == null ? new Rectangle(0, 0, imp.getWidth(), imp.getHeight())
                : roi.getBounds().intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
        if (r.isEmpty()) throw new IllegalArgumentException("the selection on '" + imp.getTitle() + "' lies outside the image");
        return new Box(r.x, r.y, first - 1L, r.x + (long) r.width, r.y + (long) r.height, last);
    }

    private static ImagePlus currentImage() {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) throw new IllegalStateException("no image open: open a scan first (File > Import > OME-Zarr (Scrollwork)...)");
        return imp;
    }

    private static String defaultWorkDir(ImagePlus imp, String what) {
        String tmp = IJ.getDirectory("temp");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = imp.getTitle().replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(tmp == null ? System.getProperty("java.io.tmpdir") : tmp, "scrollwork", what + "-" + name + "-" + stamp).toString();
    }

    private static void log(String what, Path runDir, TrainingRun.Metrics m) {
        IJ.log(String.format("Scrollwork: %s %s: step %d, %.3f bits/byte trained, held-out %s bits/byte (%.0f s)", what, runDir, m.step(), m.trainBits(),
                Double.isNaN(m.heldOutBits()) ? "n/a" : String.format("%.3f", m.heldOutBits()), m.seconds()));
    }

    private static ImagePlus show(ImagePlus imp) {
        lastOutput = imp;
        if (GraphicsEnvironment.isHeadless()) WindowManager.setTempCurrentImage(imp);
        else imp.show();
        return imp;
    }
}
