package org.scrollwork.workflows.finetune;

import java.nio.file.Path;

/** A job spec file is unreadable or invalid. The message names the file and, when one is at fault, the field. */
public final class JobSpecException extends IllegalArgumentException {
    private final Path file;
    private final String field;

    public JobSpecException(Path file, String field, String reason) {
        this(file, field, reason, null);
    }

    public JobSpecException(Path file, String field, String reason, Throwable cause) {
        super("job spec " + file + (field == null ? "" : ": field '" + field + "'") + ": " + reason, cause);
        this.file = file;
        this.field = field;
    }

    /** The spec file. */
    public Path file() { return file; }

    /** The dotted name of the field at fault ({@code budget.steps}), or null when the file as a whole is. */
    public String field() { return field; }
}
