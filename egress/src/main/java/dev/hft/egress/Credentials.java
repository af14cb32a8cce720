package dev.hft.egress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where order-entry passwords come from: an environment variable ({@code password_env}), a file only its owner can
 * read ({@code password_file}: no group or other permission bits, like an ssh key), or, inside one process only, a
 * password the launcher generated for an embedded venue ({@code password_ref}). Never from the topology file or the
 * command line: a plain {@code password} is refused, because files get shared and argv shows in {@code ps}.
 */
public final class Credentials {

    private static final Map<String, String> GENERATED = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> NOT_OWNER = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Credentials() {
    }

    /** Keeps a generated password under {@code ref} for this process (an embedded venue's). */
    public static void register(String ref, String password) {
        GENERATED.put(ref, password);
    }

    public static void unregister(String ref) {
        GENERATED.remove(ref);
    }

    /** A random password of SoupBinTCP's full 10 characters (letters and digits). */
    public static String generate() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Why {@code file} cannot hold a password (missing, not a file, readable by others), or null when it can. */
    public static String problemWithFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return "no such file: " + file;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : perms) {
                if (NOT_OWNER.contains(p)) {
                    return file + " is accessible to others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                            + "): chmod 600 " + file;
                }
            }
        } catch (UnsupportedOperationException e) {
            return file + ": this file system has no POSIX permissions to check";
        } catch (IOException e) {
            return "cannot read the permissions of " + file + ": " + e.getMessage();
        }
        return null;
    }

    /**
     * The password from exactly one of the sources (all null: the empty password).
     *
     * @throws IllegalArgumentException naming what is wrong: several sources, an unset variable, a file others can read
     */
    public static String resolve(String env, Path file, String ref) {
        int given = (env != null ? 1 : 0) + (file != null ? 1 : 0) + (ref != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give one of password_env and password_file");
        }
        if (env != null) {
            String value = System.getenv(env);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("password_env: the environment variable " + env + " is not set");
            }
            return value;
        }
        if (file != null) {
            String problem = problemWithFile(file);
            if (problem != null) {
                throw new IllegalArgumentException("password_file: " + problem);
            }
            try {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("password_file: cannot read " + file + ": " + e.getMessage());
            }
        }
        if (ref != null) {
            String value = GENERATED.get(ref);
            if (value == null) {
                throw new IllegalArgumentException("password_ref: no password registered as '" + ref + "' in this process");
            }
            return value;
        }
        return "";
    }
}
