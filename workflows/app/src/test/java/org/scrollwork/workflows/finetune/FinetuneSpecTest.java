package org.scrollwork.workflows.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.scrollwork.workflows.CliTest;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.pipeline.TrainingRun.ScheduleName;
import org.scrollwork.workflows.ScrollworkCli;

class FinetuneSpecTest {
    @TempDir Path dir;

    private static final String GOOD = String.join("\n",
            "base: runs/scroll1/model.aunn",
            "corpus: corpus",
            "ingest:",
            "  scans: [scans/scroll2.tif]",
            "  texts: [scroll2.txt]",
            "  heldOut: 0.25",
            "budget:",
            "  steps: 500",
            "  minutes: 1.5",
            "learningRate: 2.0e-4",
            "schedule: serial",
            "replay: 0.1",
            "seed: 9",
            "evalEvery: 50",
            "output: jobs/scroll2",
            "");

    private FinetuneSpec parse(String yaml) {
        return FinetuneSpec.parse(dir.resolve("job.yaml"), yaml);
    }

    private JobSpecException bad(String yaml) {
        return assertThrows(JobSpecException.class, () -> parse(yaml));
    }

    @Test
    void evaluationsDefaultToATwentiethOfTheStepsAsTrainAndRunDo() {
        FinetuneSpec s = parse(GOOD.replace("evalEvery: 50\n", ""));
        assertEquals(25, s.evalEvery(), "500 steps / 20");
        assertEquals(25, s.snapshotEvery());
        FinetuneSpec minutes = parse(GOOD.replace("evalEvery: 50\n", "").replace("  steps: 500\n", ""));
        assertEquals(FinetuneSpec.MINUTES_ONLY_EVAL_EVERY, minutes.evalEvery(), "no step count: every 100 steps");
    }

    @Test
    void aSpecParsesWithPathsRelativeToItsFile() {
        FinetuneSpec s = parse(GOOD);
        assertEquals(dir.resolve("runs/scroll1/model.aunn"), s.base());
        assertEquals(dir.resolve("corpus"), s.corpus());
        assertEquals(List.of(dir.resolve("scans/scroll2.tif")), s.ingest().scans());
        assertEquals(List.of(dir.resolve("scroll2.txt")), s.ingest().texts());
        assertEquals(0.25, s.ingest().heldOut());
        assertEquals("ct", s.ingest().modality());
        assertEquals(500, s.budget().steps().getAsInt());
        assertEquals(1.5, s.budget().minutes());
        assertEquals(2.0e-4, s.learningRate());
        assertEquals(ScheduleName.SERIAL, s.schedule());
        assertEquals(0.1, s.replay());
        assertEquals(9, s.seed());
        assertEquals(50, s.evalEvery());
        assertEquals(50, s.snapshotEvery(), "snapshots default to every evaluation");
        assertEquals(0, s.batchSize(), "0 = the base's batch size");
        assertEquals(dir.resolve("jobs/scroll2"), s.output());
        assertFalse(s.newRecordsFrom().isPresent());
    }

    @Test
    void aScrollAlreadyInTheCorpusIsNamedByItsFirstRecordAndMinutesAloneAreABudget() {
        FinetuneSpec s = parse("base: b.aunn\ncorpus: c\nnewRecordsFrom: 4\nbudget: {minutes: 10}\noutput: j\n");
        assertNull(s.ingest());
        assertEquals(4, s.newRecordsFrom().getAsInt());
        assertFalse(s.budget().steps().isPresent());
        assertEquals(10.0, s.budget().minutes());
    }

    @Test
    void badFieldsAreNamedWithTheFile() {
        JobSpecException e = bad(GOOD.replace("steps: 500", "steps: -3"));
        assertEquals("budget.steps", e.field());
        assertTrue(e.getMessage().contains(dir.resolve("job.yaml").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("field 'budget.steps': must be an integer >= 1, got -3"), e.getMessage());

        assertEquals("base", bad(GOOD.replace("base: runs/scroll1/model.aunn\n", "")).field());
        assertEquals("schedule", bad(GOOD.replace("schedule: serial", "schedule: sideways")).field());
        assertEquals("replay", bad(GOOD.replace("replay: 0.1", "replay: 1.0")).field());
        assertEquals("learningRate", bad(GOOD.replace("learningRate: 2.0e-4", "learningRate: fast")).field());
        assertEquals("ingest.scans[0]", bad(GOOD.replace("scans: [scans/scroll2.tif]", "scans: [7]")).field());
        JobSpecException unknown = bad(GOOD.replace("seed: 9", "sede: 9"));
        assertEquals("sede", unknown.field());
        assertTrue(unknown.getMessage().contains("unknown field"), unknown.getMessage());
        assertEquals("budget", bad(GOOD.replace("  steps: 500\n  minutes: 1.5\n", "  {}\n")).field());
        assertEquals("ingest", bad("base: b\ncorpus: c\nbudget: {steps: 1}\noutput: j\n").field());
        assertEquals("newRecordsFrom", bad(GOOD + "newRecordsFrom: 2\n").field());
        JobSpecException yaml = bad("base: [unclosed\n");
        assertNull(yaml.field());
        assertTrue(yaml.getMessage().contains("not valid YAML at line"), yaml.getMessage());
    }

    @Test
    void theCliReportsABadSpecInOneLineWithExitCode3() throws IOException {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, GOOD.replace("evalEvery: 50", "evalEvery: often"));
        CliTest.Result r = CliTest.run("finetune", spec.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals("scrollwork: job spec " + spec + ": field 'evalEvery': must be an integer >= 1, got \"often\"", r.err().strip());
        CliTest.Result missing = CliTest.run("finetune", dir.resolve("nope.yaml").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
    }

    @Test
    void finetuneIsACommandWithHelp() {
        CliTest.Result top = CliTest.run("--help");
        assertTrue(top.out().contains("finetune"), top.out());
        CliTest.Result help = CliTest.run("finetune", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("JOB.yaml") && help.out().contains("never written"), help.out());
    }

    @Test
    void theWorkedExampleParses() {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../scripts/finetune-job.yaml");
        FinetuneSpec s = FinetuneSpec.read(example);
        assertTrue(s.budget().steps().isPresent() || s.budget().minutes() > 0);
    }
}
