package wasm.core.text;

import java.util.List;
import java.util.Objects;
import wasm.core.Feature;

/** One top-level command of a .wast script, with the 1-based line where it starts. */
public sealed interface WastCommand {
    /**
     * The 1-based line of the script where the command starts, for reports.
     *
     * @return the line
     */
    int line();

    /**
     * Define (and instantiate) a module; {@code name} is its $id or null.
     *
     * @param line the 1-based line where the command starts
     * @param name the module's $id, or null
     * @param source the module
     */
    record ModuleCommand(int line, String name, ModuleSource source) implements WastCommand {
    }

    /**
     * {@code (module definition $id? ...)}: define (and validate) a module without
     * instantiating it; {@code name} is its $id or null.
     *
     * @param line the 1-based line where the command starts
     * @param name the module's $id, or null
     * @param source the module
     */
    record ModuleDefinition(int line, String name, ModuleSource source) implements WastCommand {
    }

    /**
     * {@code (module instance $inst? $def?)}: instantiate the module definition
     * {@code definition} (null: the module defined last, by a definition or a module
     * command) as {@code instance} (null: unnamed); it becomes the current module.
     *
     * @param line the 1-based line where the command starts
     * @param instance the new instance's $id, or null
     * @param definition the definition's $id, or null
     */
    record ModuleInstance(int line, String instance, String definition) implements WastCommand {
    }

    /**
     * {@code (register "as" $name?)}: make a module's exports importable as {@code as}.
     *
     * @param line the 1-based line where the command starts
     * @param as the import module name the exports get
     * @param moduleName the module's $id, or null for the current module
     */
    record Register(int line, String as, String moduleName) implements WastCommand {
    }

    /**
     * A bare action whose results are ignored (but whose traps fail the script).
     *
     * @param line the 1-based line where the command starts
     * @param action the invoke or get
     */
    record Action(int line, WastAction action) implements WastCommand {
    }

    /**
     * {@code (assert_return action expected...)}: the action returns these results.
     *
     * @param line the 1-based line where the command starts
     * @param action the invoke or get
     * @param expected one expectation per result
     */
    record AssertReturn(int line, WastAction action, List<Expected> expected) implements WastCommand {
        /**
         * Copies the expectations.
         *
         * @throws NullPointerException when {@code expected} or one of its elements is null
         */
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /**
     * {@code (assert_trap action "msg")} or {@code (assert_trap (module ...) "msg")}:
     * exactly one of {@code action} and {@code module} is non-null.
     *
     * @param line the 1-based line where the command starts
     * @param action the action, or null
     * @param module the module whose instantiation traps, or null
     * @param message the trap message the runtime's must start with
     */
    record AssertTrap(int line, WastAction action, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_exhaustion action "msg")}: the action runs out of stack.
     *
     * @param line the 1-based line where the command starts
     * @param action the action
     * @param message the expected message ("call stack exhausted")
     */
    record AssertExhaustion(int line, WastAction action, String message) implements WastCommand {
    }

    /**
     * {@code (assert_invalid module "msg")}: the module decodes or parses but does not validate.
     *
     * @param line the 1-based line where the command starts
     * @param module the module
     * @param message the validation error the validator's must start with
     */
    record AssertInvalid(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_malformed module "msg")}: the module does not decode or parse.
     *
     * @param line the 1-based line where the command starts
     * @param module the module (text modules are usually {@link ModuleSource.Quote})
     * @param message the decoding or parsing error the reader's must start with
     */
    record AssertMalformed(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_malformed_custom module "msg")}: a custom annotation or section is malformed.
     *
     * @param line the 1-based line where the command starts
     * @param module the module
     * @param message the expected message
     */
    record AssertMalformedCustom(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_invalid_custom module "msg")}: a custom annotation or section is invalid.
     *
     * @param line the 1-based line where the command starts
     * @param module the module
     * @param message the expected message
     */
    record AssertInvalidCustom(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_unlinkable module "msg")}: instantiation fails resolving the imports.
     *
     * @param line the 1-based line where the command starts
     * @param module the module
     * @param message the link error the runtime's must start with
     */
    record AssertUnlinkable(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * {@code (assert_uninstantiable module "msg")}: instantiation traps (a segment out of bounds, the start function).
     *
     * @param line the 1-based line where the command starts
     * @param module the module
     * @param message the trap message the runtime's must start with
     */
    record AssertUninstantiable(int line, ModuleSource module, String message) implements WastCommand {
    }

    /**
     * A command whose script syntax needs a {@link Feature} wasmoon lacks (a v128
     * value, assert_exception, ...). Runners report it as skipped for
     * {@code feature}, with {@code reason} as the detail; {@code kind} is the
     * command's keyword.
     *
     * @param line the 1-based line where the command starts
     * @param kind the command's keyword, such as {@code assert_exception}
     * @param feature the missing feature
     * @param reason the detail for the report
     */
    record Unsupported(int line, String kind, Feature feature, String reason) implements WastCommand {
        /**
         * Checks that there is a feature.
         *
         * @throws NullPointerException when {@code feature} is null
         */
        public Unsupported {
            Objects.requireNonNull(feature, "feature");
        }
    }
}
