package wasm.core.model;

import java.util.Arrays;
import java.util.Objects;

/** A custom section kept verbatim (the name section is also decoded into {@link NameSection}). */
public record CustomSection(String name, byte[] data) {
    public CustomSection {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomSection c && name.equals(c.name) && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "CustomSection[" + name + ", " + data.length + " bytes]";
    }
}
