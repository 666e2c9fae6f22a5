package perf.baseline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The artifact name of each workload: the prefix of {@code NAME.metrics.json},
 * {@code NAME.stdout.log} and {@code NAME.stderr.log}.
 *
 * <ul>
 *   <li>filesystem-safe: only {@code [A-Za-z0-9._-]}, never starting with '.' or
 *       '-', at most {@value #MAX_LENGTH} characters, never a reserved Windows
 *       device name;</li>
 *   <li>unique, ignoring case (case-insensitive file systems exist);</li>
 *   <li>stable: the file name without its extension when that is unique, else
 *       that plus 8 hex digits of a SHA-256 of the normalized path, so a
 *       workload's name depends on its own path and on which names collide,
 *       never on the order the workloads were given in.</li>
 * </ul>
 */
public final class WorkloadNames {
    /** The longest name; leaves room for ".metrics.json" within 255-byte file names. */
    public static final int MAX_LENGTH = 100;
    /** A name matches this. */
    public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private WorkloadNames() {
    }

    /**
     * Names for the given workload paths, in their order (key: the path as given).
     *
     * @param paths the workload paths as given
     * @return each path's name, in the order of {@code paths}
     * @throws IllegalArgumentException when one path is given twice (after normalizing)
     */
    public static Map<String, String> assign(List<String> paths) {
        Map<String, String> normalized = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String p : paths) {
            String n = normalize(p);
            if (!seen.add(n)) {
                throw new IllegalArgumentException("workload given twice: " + p);
            }
            normalized.put(p, n);
        }
        Map<String, Integer> baseCount = new HashMap<>();
        for (String n : normalized.values()) {
            baseCount.merge(base(n).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : normalized.entrySet()) {
            String base = base(e.getValue());
            String name = baseCount.get(base.toLowerCase(Locale.ROOT)) == 1
                    ? base
                    : clip(base, MAX_LENGTH - 9) + "-" + hash8(e.getValue());
            names.put(e.getKey(), name);
        }
        // A hashed name could still equal another file's plain name (a file called
        // "a-1b2c3d4e.wasm"): suffix those with their rank in sorted path order,
        // which keeps the result independent of the input order.
        Map<String, List<String>> byName = new HashMap<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            byName.computeIfAbsent(e.getValue().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getKey());
        }
        for (List<String> clash : byName.values()) {
            if (clash.size() > 1) {
                clash.sort((a, b) -> normalized.get(a).compareTo(normalized.get(b)));
                for (int i = 0; i < clash.size(); i++) {
                    String p = clash.get(i);
                    String suffix = "-" + (i + 1);
                    names.put(p, clip(names.get(p), MAX_LENGTH - suffix.length()) + suffix);
                }
            }
        }
        return names;
    }

    /** The file name without a .wasm/.wat/.wast extension, made safe. */
    static String base(String normalizedPath) {
        String file = normalizedPath;
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        file = file.substring(slash + 1);
        for (String ext : List.of(".wasm", ".wat", ".wast")) {
            if (file.length() > ext.length() && file.toLowerCase(Locale.ROOT).endsWith(ext)) {
                file = file.substring(0, file.length() - ext.length());
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        file.codePoints().forEach(cp -> sb.append(isSafe(cp) ? (char) cp : '_'));
        String safe = sb.toString();
        while (!safe.isEmpty() && (safe.charAt(0) == '.' || safe.charAt(0) == '-')) {
            safe = "_" + safe.substring(1);
        }
        if (safe.isEmpty()) {
            safe = "workload";
        }
        String device = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        if (WINDOWS_DEVICES.contains(device.toLowerCase(Locale.ROOT))) {
            safe = "_" + safe;
        }
        return clip(safe, MAX_LENGTH);
    }

    private static boolean isSafe(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                || cp == '.' || cp == '_' || cp == '-';
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String normalize(String path) {
        try {
            return Path.of(path).normalize().toString().replace('\\', '/');
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    private static String hash8(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
