package org.scrollwork.io.tiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.InsideRoot;

/**
 * The numbered slices of a directory in the Vesuvius Challenge layout ({@code 00000.tif, 00001.tif, ...}):
 * files named by a decimal number (any zero padding) and {@code .tif} or {@code .tiff}, ordered by number.
 * Other entries are ignored.
 */
record SliceDirectory(Path dir, List<Path> slices, long firstNumber) {
    private static final Pattern NAME = Pattern.compile("(\\d{1,18})\\.tiff?", Pattern.CASE_INSENSITIVE);

    /** The numbered slice files of {@code dir}, in number order; empty when there are none or it is not a directory. */
    static Optional<SliceDirectory> list(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        List<Numbered> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) found.add(new Numbered(Long.parseLong(m.group(1)), p));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) return Optional.empty();
        found.sort(Comparator.comparingLong(Numbered::number).thenComparing(n -> n.path().getFileName().toString()));
        return Optional.of(new SliceDirectory(dir, found.stream().map(Numbered::path).toList(), found.get(0).number()));
    }

    /**
     * Like {@link #list} but requires at least one slice and consecutive numbers.
     *
     * @throws FormatException naming the directory when there are no slices, a number is missing or repeated, or
     *     naming the slice when it leads outside the directory (see {@link InsideRoot})
     */
    static SliceDirectory open(Path dir) {
        SliceDirectory d = list(dir).orElseThrow(() -> new FormatException(dir, "no numbered .tif slices (00000.tif, 00001.tif, ...) in this directory"));
        for (int i = 0; i < d.slices.size(); i++) {
            InsideRoot.check(dir, d.slices.get(i));
            Matcher m = NAME.matcher(d.slices.get(i).getFileName().toString());
            if (!m.matches() || Long.parseLong(m.group(1)) != d.firstNumber + i) {
                throw new FormatException(dir, "slice numbers are not consecutive: expected number " + (d.firstNumber + i)
                        + " at position " + i + " but found " + d.slices.get(i).getFileName());
            }
        }
        return d;
    }

    /** The name of slice {@code z} as the writer makes it: zero-padded to 5 digits, more when {@code count} needs them. */
    static String fileName(int z, int count) {
        int digits = Math.max(5, String.valueOf(Math.max(0, count - 1)).length());
        return String.format("%0" + digits + "d.tif", z);
    }

    private record Numbered(long number, Path path) {}
}
