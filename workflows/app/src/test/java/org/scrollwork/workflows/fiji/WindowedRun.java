package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;

/**
 * Child-JVM main of {@link FijiWindowTest}: opens ImageJ in a real window (the plugin's
 * {@code plugins.config} sits in a jar in {@code -Dplugins.dir}), shows a phantom stack with a
 * rectangle selection, runs "Reconstruct box..." from an ImageJ macro through the menu command
 * table, and saves a screenshot of the whole screen. Exit code 0 only when the reconstruction
 * window appeared with the box's size.
 *
 * <p>Arguments: screenshot PNG path, work directory.
 */
public final class WindowedRun {
    private WindowedRun() {}

    public static void main(String[] args) throws Exception {
        if (GraphicsEnvironment.isHeadless()) throw new IllegalStateException("needs a display");
        File png = new File(args[0]);
        String work = args[1];
        ImageJ ij = new ImageJ();
        ij.setLocation(0, 0);
        var scan = PhantomGenerator.generate(PhantomConfig.defaults()).fine().scans().get(0);
        ImagePlus imp = ImagePlusVolumes.toImagePlus(scan, "phantom 4um", new ImageJProgress());
        imp.show();
        imp.setSlice(31);
        IJ.run(imp, "Set... ", "zoom=300");
        imp.getWindow().setLocation(0, 120);
        imp.setRoi(new Roi(30, 36, 36, 24));
        long t0 = System.nanoTime();
        IJ.runMacro("run(\"Reconstruct box...\", \"first=30 last=33 work=[" + work + "] steps=60 width=64 depth=2 batch=256 lr=0.003 schedule=random seed=1\");");
        ImagePlus out = WindowManager.getCurrentImage();
        boolean ok = out != null && out != imp && out.getTitle().endsWith("reconstruction") && out.getWidth() == 36 && out.getHeight() == 24
                && out.getStackSize() == 4 && out.getWindow() != null;
        if (out != null && out.getWindow() != null) {
            out.setSlice(2);
            IJ.run(out, "Set... ", "zoom=400");
            out.getWindow().setLocation(imp.getWindow().getX() + imp.getWindow().getWidth() + 10, 120);
        }
        if (WindowManager.getWindow("Log") != null) WindowManager.getWindow("Log").setBounds(0, 560, 1270, 160);
        for (int i = 0; i < 5; i++) {
            EventQueue.invokeAndWait(() -> { });
            Toolkit.getDefaultToolkit().sync();
            Thread.sleep(400);
        }
        BufferedImage shot = new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
        ImageIO.write(shot, "png", png);
        System.out.printf("macro took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("reconstruction window: " + (out == null ? "none" : out.getTitle() + " " + out.getWidth() + "x" + out.getHeight() + "x" + out.getStackSize()));
        System.exit(ok ? 0 : 2);
    }
}
