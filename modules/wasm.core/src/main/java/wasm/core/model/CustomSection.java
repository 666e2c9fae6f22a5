package wasm.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A custom section kept verbatim (the name section is also decoded into {@link NameSection}).
 *
 * @param name the section's name
 * @param data the section's bytes after the name
 */
public record CustomSection(String name, byte[] data) {
    /**
     * Copies the bytes.
     *
     * @throws NullPointerException when {@code data} is null
     */
    public CustomSection {
        data = data.clone();
    }

    /**
     * The section's bytes after the name.
     *
     * @return a copy of the bytes
     */
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
