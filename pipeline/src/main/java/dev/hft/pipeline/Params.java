package dev.hft.pipeline;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code params:} map of one stage, read with typed getters and defaults. A wrong type is reported
 * as a {@link TopologyException} naming the key, never as a ClassCastException.
 */
public final class Params {

    private final String path;
    private final Map<String, Object> values;
    private final Path baseDir;
    /** Keys asked for, relative to the root params ({@code risk.max_position}), shared with every child. */
    private final Set<String> read;
    private final String prefix;

    public Params(String path, Map<String, Object> values) {
        this(path, values, null);
    }

    /** @param baseDir the topology file's directory, against which {@link #path} resolves relative paths */
    public Params(String path, Map<String, Object> values, Path baseDir) {
        this(path, values, baseDir, new HashSet<>(), "");
    }

    private Params(String path, Map<String, Object> values, Path baseDir, Set<String> read, String prefix) {
        this.path = path;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.baseDir = baseDir;
        this.read = read;
        this.prefix = prefix;
    }

    /**
     * The keys asked for so far through this object or its children, as paths from the root ({@code class},
     * {@code risk.max_position}): what a validation compares the file's keys with, to name the ones nobody reads.
     */
    public Set<String> keysRead() {
        return Collections.unmodifiableSet(read);
    }

    private void read(String key) {
        read.add(prefix + key);
    }

    public static Params empty() {
        return new Params("params", Map.of());
    }

    /** Every value; reading the whole map counts as reading every key in it. */
    public Map<String, Object> asMap() {
        values.keySet().forEach(this::read);
        return values;
    }

    public boolean has(String key) {
        read(key);
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        read(key);
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /**
     * True for parameter names that hold a file or directory by convention: {@code path}, {@code file},
     * {@code dir}, or ending in {@code _path}, {@code _file}, {@code _dir} (or with {@code -}). The topology loader
     * resolves their relative values against the topology file's directory, so every kind gets that for free.
     */
    public static boolean isPathKey(String key) {
        return key.matches("(.*[_-])?(path|file|dir)");
    }

    /** A file parameter; a relative path resolves against the topology file's directory. Null when absent and no default. */
    public Path path(String key, String defaultValue) {
        String v = string(key, defaultValue);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    public long longValue(String key, long defaultValue) {
        read(key);
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TopologyException(path + "." + key, "expected a whole number, found '" + v + "'");
        }
    }

    public int intValue(String key, int defaultValue) {
        long v = longValue(key, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new TopologyException(path + "." + key, "number " + v + " is out of range");
        }
        return (int) v;
    }

    public double doubleValue(String key, double defaultValue) {
        read(key);
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new TopologyException(path + "." + key, "expected a number, found '" + v + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        read(key);
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new TopologyException(path + "." + key, "expected true or false, found '" + v + "'");
        };
    }

    public List<String> strings(String key) {
        read(key);
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    @SuppressWarnings("unchecked")
    public Params child(String key) {
        read(key);
        Object v = values.get(key);
        if (v == null) {
            return new Params(path + "." + key, Map.of(), baseDir, read, prefix + key + ".");
        }
        if (v instanceof Map<?, ?> m) {
            return new Params(path + "." + key, (Map<String, Object>) m, baseDir, read, prefix + key + ".");
        }
        throw new TopologyException(path + "." + key, "expected a map of keys, found '" + v + "'");
    }
}
