package wasm.core.text;

import java.util.List;
import java.util.Objects;
import wasm.core.Feature;

/** One top-level command of a .wast script, with the 1-based line where it starts. */
public sealed interface WastCommand {
    int line();

    /** Define (and instantiate) a module; {@code name} is its $id or null. */
    record ModuleCommand(int line, String name, ModuleSource source) implements WastCommand {
    }

    /**
     * {@code (module definition $id? ...)}: define (and validate) a module without
     * instantiating it; {@code name} is its $id or null.
     */
    record ModuleDefinition(int line, String name, ModuleSource source) implements WastCommand {
    }

    /**
     * {@code (module instance $inst? $def?)}: instantiate the module definition
     * {@code definition} (null: the module defined last, by a definition or a module
     * command) as {@code instance} (null: unnamed); it becomes the current module.
     */
    record ModuleInstance(int line, String instance, String definition) implements WastCommand {
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

    /** {@code (assert_malformed_custom module "msg")}: a custom annotation or section is malformed. */
    record AssertMalformedCustom(int line, ModuleSource module, String message) implements WastCommand {
    }

    /** {@code (assert_invalid_custom module "msg")}: a custom annotation or section is invalid. */
    record AssertInvalidCustom(int line, ModuleSource module, String message) implements WastCommand {
    }

    record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {
    }

    record AssertUninstantiable(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * A command whose script syntax needs a {@link Feature} wasmoon lacks (a v128
     * value, assert_exception, ...). Runners report it as skipped for
     * {@code feature}, with {@code reason} as the detail; {@code kind} is the
     * command's keyword.
     */
    record Unsupported(int line, String kind, Feature feature, String reason) implements WastCommand {
        public Unsupported {
            Objects.requireNonNull(feature, "feature");
        }
    }
}
