package wasm.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * What a WASI guest may see: its arguments (argv[0] included), environment,
 * the host directories it may reach (each under a guest name), and its
 * standard streams. Nothing else of the host is visible.
 */
public record WasiConfig(List<String> args, SequencedMap<String, String> env, List<Preopen> preopens,
        InputStream stdin, OutputStream stdout, OutputStream stderr) {

    /** A host directory visible to the guest as {@code guestPath} (e.g. "/sandbox" or "."). */
    public record Preopen(Path hostDirectory, String guestPath) {
        public Preopen {
            Objects.requireNonNull(hostDirectory, "hostDirectory");
            Objects.requireNonNull(guestPath, "guestPath");
        }
    }

    public WasiConfig {
        args = List.copyOf(args);
        env = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(env));
        preopens = List.copyOf(preopens);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: no arguments, empty environment, no preopens, the process's own standard streams. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final LinkedHashMap<String, String> env = new LinkedHashMap<>();
        private final List<Preopen> preopens = new ArrayList<>();
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;

        private Builder() {
        }

        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder preopen(Path hostDirectory, String guestPath) {
            preopens.add(new Preopen(hostDirectory, guestPath));
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(args, env, preopens, stdin, stdout, stderr);
        }
    }
}
