package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.scrollwork.aunn.snapshot.SnapshotException;
import org.scrollwork.io.FormatException;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.Progress;

/**
 * A Scrollwork command in an ImageJ/Fiji menu: one subclass per menu entry of {@code plugins.config}. Each asks its
 * parameters with a {@link Parameters} dialog (macro-recordable; read from the macro options when run headless), then
 * calls the application services ({@code org.scrollwork.workflows.app}) or a headless-callable class of this package
 * ({@link VolumeImport}, {@link CorpusImages}, {@link Training}, {@link BoxReconstruction}, {@link RecordImages}).
 * Progress goes to the status bar ({@link ImageJProgress}); Esc cancels. Errors are shown in a dialog by {@link #run}, thrown by {@link #execute}.
 */
public abstract class ScrollworkCommand implements PlugIn {
    /** Prefix of the ImageJ preferences that remember the last corpus, run and input paths. */
    static final String PREF = "scrollwork.";
    private static volatile ImagePlus lastOutput;

    static {
        // The plugin jar carries PyTorch's native library; without this DJL would try the network first.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Override public final void run(String arg) {
        // ImageJ loads plugin jars with its own class loader; DJL finds its engine through the thread's
        // context class loader, which in ImageJ's macro and menu threads cannot see this jar.
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ScrollworkCommand.class.getClassLoader());
        try {
            execute(ImageJProgress.imageJ());
        } catch (CancelledException e) {
            IJ.showStatus("Scrollwork: cancelled");
        } catch (FormatException | SnapshotException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            IJ.error("Scrollwork", e.getMessage());
        } catch (RuntimeException e) {
            IJ.log("Scrollwork: " + e);
            IJ.error("Scrollwork", "internal error: " + e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /**
     * Runs the command (asking its parameters), with errors thrown rather than shown.
     *
     * @return the image the command produced (also shown, or made the current image when headless), or null
     */
    public final ImagePlus execute(Progress progress) {
        ImagePlus out = perform(progress);
        return out == null ? null : show(out);
    }

    /** What the command does: asks its parameters and does the work; returns the image it made, or null. */
    protected abstract ImagePlus perform(Progress progress);

    /** The image the last command produced (what a headless caller inspects). */
    public static ImagePlus lastOutput() { return lastOutput; }

    static ImagePlus currentImage() {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) throw new IllegalStateException("no image open: open a scan first (File > Import > OME-Zarr (Scrollwork)...)");
        return imp;
    }

    static String defaultWorkDir(ImagePlus imp, String what) {
        String tmp = IJ.getDirectory("temp");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = imp.getTitle().replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(tmp == null ? System.getProperty("java.io.tmpdir") : tmp, "scrollwork", what + "-" + name + "-" + stamp).toString();
    }

    static void log(String what, Path runDir, TrainingRun.Metrics m) {
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
