package dev.hft.pipeline.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The problems of one validation pass and the line of every YAML path read, so later checks can point at lines too. */
final class Findings implements Problems {

    final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    void line(String path, int line) {
        lines.putIfAbsent(path, line);
    }

    @Override
    public void error(String path, String message) {
        problems.add(new Problem(Problem.Severity.ERROR, path, lineOf(path), message));
    }

    @Override
    public void warn(String path, String message) {
        problems.add(new Problem(Problem.Severity.WARNING, path, lineOf(path), message));
    }

    /** The line of {@code path}, else of its nearest parent ({@code stages[2].core} → {@code stages[2]} → {@code stages}). */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** {@code ", did you mean 'shards'?"} for the closest candidate within edit distance 2 (3 for long words), else "". */
    public static String didYouMean(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = levenshtein(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = word.length() > 6 ? 3 : 2;
        return best != null && bestDistance <= allowed ? ", did you mean '" + best + "'?" : "";
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
