package wasm.core.text;

import java.util.List;

/** One top-level command of a .wast script, with the 1-based line where it starts. */
public sealed interface WastCommand {
    int line();

    /** Define (and instantiate) a module; {@code name} is its $id or null. */
    record ModuleCommand(int line, String name, ModuleSource source) implements WastCommand {
    }

    /** {@code (register "as" $name?)}: make a module's exports importable as {@code as}. */
    record Register(int line, String as, String moduleName) implements WastCommand {
    }

    /** A bare action whose results are ignored (but whose traps fail the script). */
    record Action(int line, WastAction action) implements WastCommand {
    }

    record AssertReturn(int line, WastAction action, List<Expected> expected) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /**
     * {@code (assert_trap action "msg")} or {@code (assert_trap (module ...) "msg")}:
     * exactly one of {@code action} and {@code module} is non-null.
     */
    record AssertTrap(int line, WastAction action, ModuleSource module, String message) implements WastCommand {
    }

    record AssertExhaustion(int line, WastAction action, String message) implements WastCommand {
    }

    record AssertInvalid(int line, ModuleSource module, String message) implements WastCommand {
    }

    record AssertMalformed(int line, ModuleSource module, String message) implements WastCommand {
    }

    record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {
    }

    record AssertUninstantiable(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * A command outside the supported feature set (SIMD values, threads,
     * exceptions, module definitions/instances, ...). Runners report it as skipped
     * with {@code reason}; {@code kind} is the command's keyword.
     */
    record Unsupported(int line, String kind, String reason) implements WastCommand {
    }
}
