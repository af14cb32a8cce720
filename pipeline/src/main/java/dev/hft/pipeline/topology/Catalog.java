package dev.hft.pipeline.topology;

import java.lang.reflect.Modifier;
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
 */
public final class Catalog {

    private final Map<String, StageFactory> kinds = new TreeMap<>();
    private final Map<String, EventType<?>> events = new TreeMap<>();
    private final Map<String, TopologySection> sections = new TreeMap<>();
    private final List<String> loadFailures = new ArrayList<>();
    private final ClassLoader loader;

    private Catalog(ClassLoader loader) {
        this.loader = loader;
    }

    public static Catalog installed() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        Catalog c = new Catalog(cl == null ? Catalog.class.getClassLoader() : cl);
        load(ServiceLoader.load(StageFactory.class, c.loader), c.loadFailures).forEach(f -> c.kinds.putIfAbsent(f.kind(), f));
        load(ServiceLoader.load(EventType.class, c.loader), c.loadFailures).forEach(t -> c.events.putIfAbsent(t.name(), t));
        load(ServiceLoader.load(TopologySection.class, c.loader), c.loadFailures).forEach(t -> c.sections.putIfAbsent(t.key(), t));
        return c;
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
            return new ResolvedClass(null, null, "class " + className + " is not on the class path");
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
