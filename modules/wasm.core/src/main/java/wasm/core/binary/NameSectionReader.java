package wasm.core.binary;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import wasm.core.MalformedModuleException;
import wasm.core.internal.ByteReader;
import wasm.core.model.NameSection;

/** Lenient reader of the "name" custom section: any flaw means "no names". */
final class NameSectionReader {
    private NameSectionReader() {
    }

    /** The names, or null when the payload is not a well-formed name section. */
    static NameSection read(byte[] payload) {
        try {
            return parse(new ByteReader(payload));
        } catch (MalformedModuleException e) {
            return null;
        }
    }

    private static NameSection parse(ByteReader r) {
        String moduleName = null;
        Map<Integer, String> functions = new TreeMap<>();
        Map<Integer, Map<Integer, String>> locals = new TreeMap<>();
        int lastId = -1;
        while (!r.atEnd()) {
            int id = r.u8();
            if (id <= lastId) {
                throw new MalformedModuleException("malformed name section");
            }
            lastId = id;
            int size = r.length32();
            int start = r.pos();
            switch (id) {
                case 0 -> moduleName = name(r);
                case 1 -> functions = nameMap(r);
                case 2 -> {
                    int n = r.length32();
                    long previous = -1;
                    for (int i = 0; i < n; i++) {
                        int f = r.u32();
                        previous = increasing(previous, f);
                        locals.put(f, nameMap(r));
                    }
                }
                default -> r.skip(size);
            }
            if (r.pos() != start + size) {
                throw new MalformedModuleException("section size mismatch");
            }
        }
        return new NameSection(moduleName, functions, locals);
    }

    private static Map<Integer, String> nameMap(ByteReader r) {
        int n = r.length32();
        Map<Integer, String> map = new HashMap<>();
        long previous = -1;
        for (int i = 0; i < n; i++) {
            int index = r.u32();
            previous = increasing(previous, index);
            map.put(index, name(r));
        }
        return map;
    }

    /** Name maps list indices in strictly increasing order (spec 7.4.1). */
    private static long increasing(long previous, int index) {
        long u = Integer.toUnsignedLong(index);
        if (u <= previous) {
            throw new MalformedModuleException("malformed name section");
        }
        return u;
    }

    private static String name(ByteReader r) {
        String s = Utf8.decode(r.bytes(r.length32()));
        if (s == null) {
            throw new MalformedModuleException("malformed UTF-8 encoding");
        }
        return s;
    }
}
