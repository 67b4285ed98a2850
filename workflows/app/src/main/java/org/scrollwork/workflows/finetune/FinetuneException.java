package org.scrollwork.workflows.finetune;

/**
 * A finetune job cannot start or continue: its directory is locked by another run, its base snapshot
 * changed, its corpus does not fit. The message names the file or directory and what is wrong.
 */
public final class FinetuneException extends RuntimeException {
    public FinetuneException(String message) {
        super(message);
    }

    public FinetuneException(String message, Throwable cause) {
        super(message, cause);
    }
}
