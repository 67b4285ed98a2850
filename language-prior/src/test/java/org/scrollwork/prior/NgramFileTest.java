package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.files.CorruptFile;

class NgramFileTest {

    @TempDir Path dir;

    private final NgramModel model = NgramModel.train(List.of(NgramModelTest.markovText(5, 5000), "ΛΟΓΟΣ"), 4);

    @Test
    void saveAndLoadGiveTheSameProbabilities() {
        Path f = dir.resolve("m.swng");
        model.save(f);
        NgramModel back = NgramModel.load(f);
        assertEquals(4, back.order());
        assertEquals(model.texts(), back.texts());
        for (String ctx : List.of("", "Λ", "ΛΟΓΟ", "ΑΒΓΔΕΖ")) assertArrayEquals(model.nextLogProbs(ctx), back.nextLogProbs(ctx), 0.0);
        // one byte per letter plus 8 + 16 header, 4 per text, 8 checksum
        assertEquals(8 + 16 + 2 * 4 + 5005 + 8, f.toFile().length());
        assertInstanceOf(NgramModel.class, PriorModels.load(f));
    }

    @Test
    void savingIsAtomicLeavesNoTemporaryAndNeverReplacesADirectory() throws Exception {
        Path f = dir.resolve("m.swng");
        model.save(f);
        model.save(f);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left");
        }
        Path folder = dir.resolve("folder.swng");
        Files.createDirectories(folder.resolve("inside"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> model.save(folder));
        assertTrue(e.getMessage().startsWith(folder + ": cannot write model: it is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(folder.resolve("inside")));
    }

    @Test
    void corruptAndMismatchedFilesGiveErrorsNamingTheFile() throws Exception {
        Path good = dir.resolve("good.swng");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.swng");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
        assertFails(truncated, "checksum");
        byte[] flipped = bytes.clone();
        flipped[40] ^= 1;
        Path f = dir.resolve("flipped.swng");
        Files.write(f, flipped);
        assertFails(f, "checksum");
        byte[] order = bytes.clone();
        order[15] = 13;   // order 13, checksum fixed
        assertFails(withChecksum("order.swng", order), "order 13");
        byte[] alphabet = bytes.clone();
        alphabet[19] = 25;
        assertFails(withChecksum("alphabet.swng", alphabet), "alphabet");
        byte[] letter = bytes.clone();
        letter[8 + 16 + 4 + 10] = 24;   // an index past Ω
        assertFails(withChecksum("letter.swng", letter), "letter index 24");
        Path other = dir.resolve("other.swng");
        Files.writeString(other, "SWNGRAMX and then some more bytes to pass the size check");
        assertFails(other, "magic");
        assertFails(dir.resolve("missing.swng"), "no such file");
    }

    @Test
    void damagedFilesAreCorruptFilesAndIntactOnesThatDoNotFitAreNot() throws Exception {
        Path good = dir.resolve("good.swng");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.swng");
        Files.write(cut, Arrays.copyOf(bytes, 20));
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 3] ^= 4;
        Path flip = dir.resolve("flip.swng");
        Files.write(flip, flipped);
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "ΛΟΓΟΣ is not a model");
        for (Path damaged : List.of(cut, flip, notes)) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> NgramModel.load(damaged));
            CorruptFile c = assertInstanceOf(CorruptFile.class, e, e.getMessage());
            assertEquals(damaged, c.path());
            assertEquals(damaged + ": " + c.reason(), e.getMessage());
        }
        assertInstanceOf(CorruptFile.class, assertThrows(ModelFileException.class, () -> PriorModels.load(notes)));
        byte[] order = bytes.clone();
        order[15] = 13;
        Path intact = withChecksum("order.swng", order);
        assertFalse(assertThrows(ModelFileException.class, () -> NgramModel.load(intact)) instanceof CorruptFile, "intact, but order 13");
        assertFalse(assertThrows(ModelFileException.class, () -> NgramModel.load(dir.resolve("missing.swng"))) instanceof CorruptFile);
    }

    @Test
    void theLoaderTellsTheKindsApartAndRejectsOtherFiles() throws Exception {
        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "ΛΟΓΟΣ is not a model");
        ModelFileException e = assertThrows(ModelFileException.class, () -> PriorModels.load(other));
        assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("bad magic"), e.getMessage());
        Path missing = dir.resolve("missing.swlm");
        e = assertThrows(ModelFileException.class, () -> PriorModels.load(missing));
        assertTrue(e.getMessage().contains("missing.swlm") && e.getMessage().contains("no such file"), e.getMessage());
    }

    private Path withChecksum(String name, byte[] bytes) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes, bytes.length - 8, 8).putLong(crc.getValue());
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static void assertFails(Path file, String what) {
        for (Runnable load : List.<Runnable>of(() -> NgramModel.load(file), () -> PriorModels.load(file))) {
            ModelFileException e = assertThrows(ModelFileException.class, load::run);
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains(what), e.getMessage());
        }
    }
}
