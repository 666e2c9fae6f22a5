package perf.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WorkloadNamesProperties {

    /** Distinct (after normalizing) paths made of awkward segments: dots, spaces, unicode, reserved names. */
    @Provide
    Arbitrary<List<String>> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("examples", "a", "A", "..", ".", "con", "nul.txt", "x y", "é", "日本", "-rf", ".hidden",
                        "core3.wasm", "CORE3.wasm", "core3.wat", "a-1b2c3d4e.wasm", "stream.wasm", "t.wast", "😀.wasm"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                        .filter(s -> s.indexOf('\0') < 0 && !s.contains("/") && !s.contains("\\")),
                Arbitraries.strings().alpha().numeric().withChars('.', '-', '_').ofMinLength(1).ofMaxLength(130));
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
        return path.list().ofMinSize(1).ofMaxSize(12).map(l -> {
            Set<String> seen = new HashSet<>();
            List<String> out = new ArrayList<>();
            for (String p : l) {
                if (seen.add(WorkloadNames.normalize(p))) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    @Property(tries = 300)
    void namesAreFilesystemSafe(@ForAll("paths") List<String> paths) {
        for (String name : WorkloadNames.assign(paths).values()) {
            assertTrue(WorkloadNames.SAFE.matcher(name).matches(), name);
            assertTrue(name.length() <= WorkloadNames.MAX_LENGTH, name);
            String device = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            assertTrue(!Set.of("con", "prn", "aux", "nul").contains(device.toLowerCase(Locale.ROOT)), name);
        }
    }

    @Property(tries = 300)
    void namesAreUniqueIgnoringCase(@ForAll("paths") List<String> paths) {
        Map<String, String> names = WorkloadNames.assign(paths);
        assertEquals(paths.size(), names.size());
        Set<String> lower = new HashSet<>();
        for (String n : names.values()) {
            assertTrue(lower.add(n.toLowerCase(Locale.ROOT)), "duplicate " + n + " in " + names);
        }
    }

    @Property(tries = 300)
    void namesDoNotDependOnOrder(@ForAll("paths") List<String> paths, @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(paths);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, String> a = WorkloadNames.assign(paths);
        Map<String, String> b = WorkloadNames.assign(shuffled);
        for (String p : paths) {
            assertEquals(a.get(p), b.get(p), p);
        }
        assertEquals(List.copyOf(paths), List.copyOf(a.keySet()), "names come back in input order");
    }

    @Property(tries = 200)
    void aUniqueFileNameIsKeptAsIs(@ForAll("paths") List<String> paths) {
        Map<String, String> names = WorkloadNames.assign(paths);
        List<String> all = new ArrayList<>();
        for (String p : paths) {
            all.add(WorkloadNames.base(WorkloadNames.normalize(p)).toLowerCase(Locale.ROOT));
        }
        for (String p : paths) {
            String base = WorkloadNames.base(WorkloadNames.normalize(p));
            long same = all.stream().filter(b -> b.equals(base.toLowerCase(Locale.ROOT))).count();
            if (same == 1 && names.values().stream().filter(n -> n.equalsIgnoreCase(base)).count() == 1) {
                assertEquals(base, names.get(p));
            }
        }
    }

    @Example
    void theDefaultWorkloadsKeepTheirNames() {
        assertEquals(Map.of("examples/core3.wasm", "core3", "examples/stream.wasm", "stream",
                        "examples/box_easy2.wasm", "box_easy2", "examples/benchmark.wasm", "benchmark"),
                WorkloadNames.assign(CaptureOptions.DEFAULT_WORKLOADS));
    }

    @Example
    void collidingNamesGetAHashOfTheirPath() {
        Map<String, String> names = WorkloadNames.assign(List.of("a/x.wasm", "b/x.wasm", "c/X.wat"));
        assertTrue(names.get("a/x.wasm").matches("x-[0-9a-f]{8}"), names.toString());
        assertTrue(names.get("c/X.wat").matches("X-[0-9a-f]{8}"), names.toString());
        assertEquals(names.get("a/x.wasm"), WorkloadNames.assign(List.of("b/x.wasm", "a/x.wasm")).get("a/x.wasm"));
    }

    @Example
    void theSamePathTwiceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadNames.assign(List.of("a/x.wasm", "./a/x.wasm")));
    }
}
