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
 *
 * @param args the arguments, argv[0] (the program's name) first
 * @param env the environment variables, in the order the guest lists them
 * @param preopens the host directories the guest may reach
 * @param stdin what the guest reads as fd 0
 * @param stdout where the guest's fd 1 goes
 * @param stderr where the guest's fd 2 goes
 */
public record WasiConfig(List<String> args, SequencedMap<String, String> env, List<Preopen> preopens,
        InputStream stdin, OutputStream stdout, OutputStream stderr) {

    /**
     * A host directory visible to the guest as {@code guestPath} (e.g. "/sandbox" or ".").
     *
     * @param hostDirectory the directory on the host; the guest cannot leave it (no {@code ..} or
     *        symlink escapes)
     * @param guestPath the name the guest opens it by
     */
    public record Preopen(Path hostDirectory, String guestPath) {
        /**
         * Checks that neither part is null.
         *
         * @throws NullPointerException when one is
         */
        public Preopen {
            Objects.requireNonNull(hostDirectory, "hostDirectory");
            Objects.requireNonNull(guestPath, "guestPath");
        }
    }

    /**
     * Copies the lists and the map, so later changes to them do not reach the guest.
     *
     * @throws NullPointerException when a stream, a list or the map (or one of their elements) is null
     */
    public WasiConfig {
        args = List.copyOf(args);
        env = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(env));
        preopens = List.copyOf(preopens);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * A builder of the defaults below.
     *
     * @return a new builder
     */
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

        /**
         * Appends one argument; the first one is argv[0].
         *
         * @param arg the argument
         * @return this builder
         */
        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        /**
         * Appends arguments in order.
         *
         * @param more the arguments
         * @return this builder
         */
        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /**
         * Sets an environment variable, replacing an earlier value of the same name.
         *
         * @param name the name, without {@code =}
         * @param value the value
         * @return this builder
         */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /**
         * Lets the guest reach {@code hostDirectory} as {@code guestPath}; it must exist when
         * {@link WasiPreview1} is made.
         *
         * @param hostDirectory the directory on the host
         * @param guestPath the name the guest opens it by, such as {@code "/sandbox"} or {@code "."}
         * @return this builder
         */
        public Builder preopen(Path hostDirectory, String guestPath) {
            preopens.add(new Preopen(hostDirectory, guestPath));
            return this;
        }

        /**
         * The guest's standard input.
         *
         * @param in the stream
         * @return this builder
         */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        /**
         * The guest's standard output.
         *
         * @param out the stream
         * @return this builder
         */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /**
         * The guest's standard error.
         *
         * @param err the stream
         * @return this builder
         */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /**
         * The configuration of what was set, the lists and the map copied.
         *
         * @return the configuration
         * @throws NullPointerException when a stream was set to null
         */
        public WasiConfig build() {
            return new WasiConfig(args, env, preopens, stdin, stdout, stderr);
        }
    }
}
