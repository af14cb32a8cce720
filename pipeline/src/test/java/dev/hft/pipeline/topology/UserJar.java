package dev.hft.pipeline.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds what a user builds outside this repository: sources compiled with the JDK's compiler against hft's classes
 * (found where the given classes were loaded from), into a folder of classes or a jar. Test code only.
 */
public final class UserJar {

    private UserJar() {
    }

    /**
     * Compiles {@code sources} (path inside the source tree, e.g. {@code com/example/A.java} -> text) into
     * {@code classes}; {@code resources} (path -> text, e.g. a {@code META-INF/services} file) are copied beside them.
     *
     * @param against classes whose code sources form the compile class path
     */
    public static Path compile(Path classes, Map<String, String> sources, Map<String, String> resources, Class<?>... against)
            throws IOException {
        Path src = Files.createTempDirectory("user-src");
        try {
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath(against), "--release", "25"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("javac failed: " + errors);
            }
            for (Map.Entry<String, String> e : resources.entrySet()) {
                Path file = classes.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            return classes;
        } finally {
            delete(src);
        }
    }

    /** Packs the folder {@code classes} into {@code jar}. */
    public static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Removes a folder and everything in it. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String classPath(Class<?>... against) {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : against) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
