package org.scrollwork.workflows.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.files.AtomicFiles;

/**
 * What a job directory remembers between runs ({@code JOB/job-state.json}, written atomically):
 * the base snapshot and its SHA-256 at job start, the corpus, which records are the new scroll's,
 * and the training seconds spent so far (for a minutes budget).
 *
 * @param base          absolute path of the base snapshot
 * @param baseSha256    its SHA-256 when the job started
 * @param corpus        absolute path of the corpus
 * @param recordsBefore records in the corpus before this job ingested (-1: not yet looked)
 * @param firstRecord   first record of the new scroll, or -1 until known
 * @param endRecord     one past its last record, or -1 until known
 * @param secondsUsed   training seconds over all runs so far
 */
record JobState(String base, String baseSha256, String corpus, int recordsBefore, int firstRecord, int endRecord, double secondsUsed) {
    static final String FILE = "job-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean recordsKnown() { return firstRecord >= 0 && endRecord > firstRecord; }

    JobState withRecordsBefore(int n) { return new JobState(base, baseSha256, corpus, n, firstRecord, endRecord, secondsUsed); }

    JobState withRecords(int first, int end) { return new JobState(base, baseSha256, corpus, recordsBefore, first, end, secondsUsed); }

    JobState withSecondsUsed(double s) { return new JobState(base, baseSha256, corpus, recordsBefore, firstRecord, endRecord, s); }

    /** The state of a job directory, or null when the job has never started there. */
    static JobState read(Path jobDir) {
        Path p = jobDir.resolve(FILE);
        if (!Files.exists(p)) return null;
        try {
            return JSON.readValue(p.toFile(), JobState.class);
        } catch (IOException e) {
            throw new FinetuneException("job state " + p + " is unreadable (" + e.getMessage() + "); it is written atomically, so something else changed it", e);
        }
    }

    void write(Path jobDir) {
        try {
            AtomicFiles.writeBytes(jobDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new FinetuneException("cannot write job state " + jobDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
