package wasm.ir.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link LongIntMap} against {@link HashMap}: batches of puts, each followed by lookups of every
 * key put and of keys never put, and a clear between batches, with batch sizes that make the table
 * grow large and then shrink back on a clear.
 */
class LongIntMapProperties {
    @Property(tries = 200)
    void agreesWithAHashMapAcrossClears(@ForAll("batches") List<List<Long>> batches) {
        LongIntMap map = new LongIntMap();
        for (List<Long> batch : batches) {
            map.clear();
            Map<Long, Integer> model = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                long key = batch.get(i);
                map.put(key, i);
                model.put(key, i);
            }
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                assertEquals(e.getValue(), map.get(e.getKey()), "key " + e.getKey());
            }
            for (long probe = -3; probe < 3000; probe += 7) {
                assertEquals(model.getOrDefault(probe, -1), map.get(probe), "probe " + probe);
            }
        }
    }

    @Provide
    Arbitrary<List<List<Long>>> batches() {
        Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(0, 2000),
                Arbitraries.longs().filter(k -> k != Long.MIN_VALUE));
        Arbitrary<List<Long>> small = keys.list().ofMaxSize(40);
        Arbitrary<List<Long>> large = keys.list().ofMinSize(500).ofMaxSize(3000);
        return Arbitraries.oneOf(small, small, large).list().ofMinSize(1).ofMaxSize(6);
    }
}
