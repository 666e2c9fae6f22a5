package wasmoon.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import perf.metrics.MetricsConfig;

/** One call of {@link Main#run} with captured output: what a shell would see. */
record MainInvocation(int exitCode, String out, String err) {

    static MainInvocation of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new MainInvocation(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Like {@link #of} with an explicit compile-metrics configuration instead of the environment's. */
    static MainInvocation withMetrics(MetricsConfig metrics, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), metrics);
        return new MainInvocation(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A test resource of this package (src/test/resources/wasmoon/cli) as a file path. */
    static String resource(String name) {
        java.net.URL url = MainInvocation.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource wasmoon/cli/" + name);
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #of} but with a given stdout, e.g. one that fails. */
    static MainInvocation withOut(OutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new MainInvocation(code, "", err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /** The repository root: the nearest ancestor of the working directory holding examples/fac.wat. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/fac.wat")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no examples/fac.wat above " + Path.of("").toAbsolutePath());
    }

    static String example(String name) {
        return repositoryRoot().resolve("examples").resolve(name).toString();
    }
}
