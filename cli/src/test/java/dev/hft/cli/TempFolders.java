package dev.hft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What commands leave in {@code java.io.tmpdir}: compare the set before and after one. */
public final class TempFolders {

    private TempFolders() {
    }

    /** The entries of {@code java.io.tmpdir} whose names start with {@code prefix}. */
    public static Set<Path> named(String prefix) throws IOException {
        try (Stream<Path> list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).collect(Collectors.toSet());
        }
    }
}
