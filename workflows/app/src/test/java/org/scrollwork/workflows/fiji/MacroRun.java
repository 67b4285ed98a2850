package org.scrollwork.workflows.fiji;

import ij.ImagePlus;
import ij.Macro;

/**
 * Runs a plugin command the way an ImageJ macro does: on a thread whose name starts with
 * {@code Run$_} and that carries macro options ({@link Macro#setOptions(Thread, String)}).
 */
final class MacroRun {
    private MacroRun() {}

    static ImagePlus run(ScrollworkCommand command, String options) {
        Thread t = Thread.currentThread();
        String name = t.getName();
        t.setName("Run$_test");
        Macro.setOptions(t, options);
        try {
            return command.execute(new ImageJProgress());
        } finally {
            Macro.setOptions(t, null);
            t.setName(name);
        }
    }
}
