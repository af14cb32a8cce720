package dev.hft.pipeline.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

import dev.hft.pipeline.EventStage;
import dev.hft.pipeline.EventType;
import dev.hft.pipeline.Stage;
import dev.hft.pipeline.StageContext;
import dev.hft.pipeline.StageFactory;

/**
 * The stage kinds, event types and topology sections installed on the class path ({@code META-INF/services}), and the rules for
 * a user's {@code class:}. Providers that fail to load are kept as messages for the report, not thrown.
 *
 * <p>A user's own jars and class folders (the topology's {@code classpath:}, the command line's {@code --classpath})
 * are read through one {@link URLClassLoader} built here, whose parent is the loader of hft's own classes; that
 * loader resolves {@code class:} names and finds the service providers, and is the thread context loader while
 * stage factories validate and build (so a kind that loads a class by name, as {@code kind: strategy} does, finds
 * the user's). Classes load once, when the topology is validated and built; nothing on the hot path looks one up.
 */
public final class Catalog {

    private final Map<String, StageFactory> kinds = new TreeMap<>();
    private final Map<String, EventType<?>> events = new TreeMap<>();
    private final Map<String, TopologySection> sections = new TreeMap<>();
    private final List<String> loadFailures = new ArrayList<>();
    private final ClassLoader base;
    private final List<Path> classpath;
    private final ClassLoader loader;

    private Catalog(ClassLoader base, List<Path> classpath) {
        this.base = base;
        this.classpath = List.copyOf(classpath);
        this.loader = classpath.isEmpty() ? base : new UserClassLoader(this.classpath, base);
    }

    /** What the class path of hft's own classes provides. */
    public static Catalog installed() {
        return installed(List.of());
    }

    /**
     * What hft's class path and the user's {@code classpath} entries provide, in that order of precedence (a class
     * is taken from hft's jars first). Each entry is a jar or a folder of classes; see {@link #classpathProblem}.
     */
    public static Catalog installed(List<Path> classpath) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return create(cl == null ? Catalog.class.getClassLoader() : cl, classpath);
    }

    private static Catalog create(ClassLoader base, List<Path> classpath) {
        Catalog c = new Catalog(base, classpath);
        load(ServiceLoader.load(StageFactory.class, c.loader), c.loadFailures).forEach(f -> c.kinds.putIfAbsent(f.kind(), f));
        load(ServiceLoader.load(EventType.class, c.loader), c.loadFailures).forEach(t -> c.events.putIfAbsent(t.name(), t));
        load(ServiceLoader.load(TopologySection.class, c.loader), c.loadFailures).forEach(t -> c.sections.putIfAbsent(t.key(), t));
        return c;
    }

    /**
     * This catalog with {@code more} entries after its own user entries: one new loader over all of them (the
     * command line's entries come first, the topology file's after), or this catalog when {@code more} is empty.
     */
    public Catalog withClasspath(List<Path> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Path> all = new ArrayList<>(classpath);
        more.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return create(base, all);
    }

    /** The loader of user classes: hft's own loader when there are no user entries. */
    public ClassLoader loader() {
        return loader;
    }

    /** The user's class path entries (absolute), in order. */
    public List<Path> classpath() {
        return classpath;
    }

    /**
     * Runs {@code work} with {@link #loader()} as the thread context loader (what stage factories load user classes
     * through), then restores the previous one.
     */
    public <T> T withContextLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Why {@code entry} cannot be a class path entry, or null: it must be a folder of classes, a {@code .jar} (or
     * {@code .zip}) file, or {@code folder/*} (every jar in the folder, as {@code java -cp} reads it).
     */
    public static String classpathProblem(Path entry) {
        Path folder = wildcardFolder(entry);
        if (folder != null) {
            return Files.isDirectory(folder) ? null : "no folder " + folder;
        }
        if (Files.isDirectory(entry)) {
            return null;
        }
        if (!Files.exists(entry)) {
            return "no file or folder " + entry;
        }
        String name = entry.getFileName().toString();
        return name.endsWith(".jar") || name.endsWith(".zip") ? null
                : entry + " is neither a folder of classes nor a .jar file";
    }

    /**
     * The sentence for a class that no loader found, telling how to add it; {@code loader} is the loader that was
     * searched (a {@link Catalog#loader()} names its entries).
     */
    public static String notFound(String className, ClassLoader loader) {
        String searched = loader instanceof UserClassLoader user ? " (hft's jars and " + user.entries + ")" : "";
        return "class " + className + " is not on the class path" + searched + ": add its jar or classes folder with"
                + " 'classpath:' at the top of the topology (relative to the file) or --classpath on the command line";
    }

    private static Path wildcardFolder(Path entry) {
        return entry.getFileName() != null && entry.getFileName().toString().equals("*") ? entry.getParent() : null;
    }

    /** The one loader of a catalog's user entries; {@code folder/*} is expanded to the folder's jars, sorted. */
    private static final class UserClassLoader extends URLClassLoader {

        final List<Path> entries;

        UserClassLoader(List<Path> entries, ClassLoader parent) {
            super("hft-classpath", urls(entries), parent);
            this.entries = entries;
        }

        private static URL[] urls(List<Path> entries) {
            List<URL> urls = new ArrayList<>();
            for (Path entry : entries) {
                Path folder = wildcardFolder(entry);
                try {
                    if (folder == null) {
                        urls.add(entry.toUri().toURL());
                        continue;
                    }
                    try (var jars = Files.list(folder)) {
                        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read class path entry " + entry, e);
                }
            }
            return urls.toArray(URL[]::new);
        }
    }

    private static <T> List<T> load(ServiceLoader<T> services, List<String> failures) {
        List<T> found = new ArrayList<>();
        var it = services.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                failures.add(e.getMessage());
            }
        }
    }

    /** The installed section that owns top-level key {@code key}, or null. */
    public TopologySection section(String key) {
        return sections.get(key);
    }

    public java.util.Collection<TopologySection> sections() {
        return sections.values();
    }

    public StageFactory kind(String kind) {
        return kinds.get(kind);
    }

    public EventType<?> event(String name) {
        return events.get(name);
    }

    public java.util.Set<String> kindNames() {
        return java.util.Collections.unmodifiableSet(kinds.keySet());
    }

    public String knownKinds() {
        return kinds.isEmpty() ? "none" : String.join(", ", kinds.keySet());
    }

    public String knownEvents() {
        return events.isEmpty() ? "none" : String.join(", ", events.keySet());
    }

    public List<String> loadFailures() {
        return List.copyOf(loadFailures);
    }

    /** What a {@code class:} turned out to be. */
    public enum ClassShape { FACTORY, SOURCE, EVENT_STAGE }

    /** A resolved {@code class:}: its shape, or why it cannot be used. */
    public record ResolvedClass(Class<?> type, ClassShape shape, String problem) {
    }

    public ResolvedClass resolve(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return new ResolvedClass(null, null, notFound(className, loader));
        }
        ClassShape shape = StageFactory.class.isAssignableFrom(type) ? ClassShape.FACTORY
                : EventStage.class.isAssignableFrom(type) ? ClassShape.EVENT_STAGE
                : Stage.class.isAssignableFrom(type) ? ClassShape.SOURCE : null;
        if (shape == null) {
            return new ResolvedClass(type, null, "class " + className
                    + " implements none of StageFactory, Stage, EventStage");
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return new ResolvedClass(type, shape, "class " + className + " must be public and concrete");
        }
        boolean constructible = shape == ClassShape.FACTORY ? hasConstructor(type)
                : hasConstructor(type, StageContext.class) || hasConstructor(type);
        if (!constructible) {
            return new ResolvedClass(type, shape, "class " + className + " needs a public "
                    + (shape == ClassShape.FACTORY ? "no-arg constructor" : "(StageContext) or no-arg constructor"));
        }
        return new ResolvedClass(type, shape, null);
    }

    private static boolean hasConstructor(Class<?> type, Class<?>... parameters) {
        try {
            return Modifier.isPublic(type.getConstructor(parameters).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Instantiates a resolved factory class (public no-arg constructor checked by {@link #resolve}). */
    public static StageFactory newFactory(Class<?> type) throws ReflectiveOperationException {
        return (StageFactory) type.getConstructor().newInstance();
    }
}
