package wasmoon.cli.wast;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wasm.core.Feature;
import wasm.core.JitGap;
import wasm.core.InvalidModuleException;
import wasm.core.MalformedModuleException;
import wasm.core.UnsupportedFeatureException;
import wasm.core.binary.ModuleDecoder;
import wasm.core.model.Import;
import wasm.core.model.Module;
import wasm.core.model.ValType;
import wasm.core.text.ModuleSource;
import wasm.core.text.WastAction;
import wasm.core.text.WastCommand;
import wasm.core.text.WatParser;
import wasm.core.validate.Validator;
import wasm.runtime.Extern;
import wasm.runtime.FunctionInstance;
import wasm.runtime.GlobalInstance;
import wasm.runtime.ImportResolver;
import wasm.runtime.Instance;
import wasm.runtime.JitUnsupportedException;
import wasm.runtime.LinkException;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.Store;
import wasm.runtime.Trap;
import wasm.runtime.tooling.JitCoverage;

/**
 * The state of one script run: one store, the current and the named module
 * instances, the registry used to resolve imports, and the lazily created
 * spectest host module. Each command is executed in isolation: whatever it
 * throws becomes that command's outcome, so the run always reaches the end of
 * the script.
 *
 * <p>A command is skipped only for a {@link Feature}: its own syntax, module or
 * values need one ({@link UnsupportedFeatureException}), or it refers to a module
 * that was skipped for one, found by following the script's references: the
 * module it acts on ({@code $name} or the current one), the modules it imports
 * from (by registered name), and the registered modules a skipped module imports
 * from, whose state (memory, tables, globals) that module would have changed by
 * its segments and start function. Everything else that goes wrong is a failure.
 */
final class ScriptExecution implements AutoCloseable {
    private static final String SPECTEST = "spectest";

    /** Why a module, or a command depending on it, is skipped: a feature, or in strict JIT mode a JIT gap. */
    private record Skip(Feature feature, JitGap gap, String reason) {
        Skip(Feature feature, String reason) {
            this(feature, null, reason);
        }

        Skip withReason(String newReason) {
            return new Skip(feature, gap, newReason);
        }

        CommandResult result(int line, String kind) {
            return gap != null ? CommandResult.skippedForJit(line, kind, gap, reason)
                    : CommandResult.skipped(line, kind, feature, reason);
        }
    }

    /** What a module command left behind, for the commands that refer to it. */
    private sealed interface ModuleSlot {
        record Ready(Instance instance) implements ModuleSlot {
        }

        record Skipped(Skip skip) implements ModuleSlot {
        }

        record Broken(int line, String reason) implements ModuleSlot {
        }
    }

    /**
     * A module as defined (parsed and validated, not instantiated), by a module definition
     * or a module command: what {@code (module instance ...)} instantiates.
     */
    private sealed interface Definition {
        ModuleSource source();

        record Ready(ModuleSource source, Module module) implements Definition {
        }

        record Skipped(ModuleSource source, Skip skip) implements Definition {
        }

        record Broken(ModuleSource source, int line, String reason) implements Definition {
        }
    }

    /** Control flow: the command depends on a module that was skipped. */
    private static final class SkipCommand extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Skip skip;

        SkipCommand(Skip skip) {
            super(skip.reason(), null, false, false);
            this.skip = skip;
        }
    }

    /** Control flow: the command depends on a module that failed to load. */
    private static final class BrokenDependency extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokenDependency(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Results of an action, with their types. */
    private record ActionResult(List<ValType> types, long[] values) {
        String describe() {
            return WastValues.format(types, values);
        }
    }

    private final PrintStream spectestOut;
    private final RuntimeOptions options;
    private Store store;
    private Map<String, Extern> spectest;
    private ModuleSlot current;
    private final Map<String, ModuleSlot> named = new HashMap<>();
    private final Map<String, ModuleSlot> registry = new HashMap<>();
    private final Map<String, Definition> definitions = new HashMap<>();
    /** The module defined last (by a definition or a module command): an unnamed instance's definition. */
    private Definition lastDefinition;
    /**
     * Instances whose state a skipped module may have changed (it imports from them,
     * directly or through an instance that shares their state): the commands acting on
     * them are skipped for that module's feature.
     */
    private final Map<Instance, Skip> sharedWithSkipped = new IdentityHashMap<>();
    private long jitGapFunctions;

    ScriptExecution(PrintStream spectestOut, RuntimeOptions options) {
        this.spectestOut = spectestOut;
        this.options = options;
    }

    CommandResult execute(WastCommand command) {
        ModuleSource instantiated = instantiatedModule(command);
        CommandResult result = run(command);
        if (result.status() == CommandStatus.SKIPPED && instantiated != null) {
            shareSkip(instantiated, new Skip(result.feature(), result.jitGap(), result.detail()), command.line());
        }
        return result;
    }

    private CommandResult run(WastCommand command) {
        int line = command.line();
        String kind = kindOf(command);
        try {
            return switch (command) {
                case WastCommand.ModuleCommand c -> module(c);
                case WastCommand.ModuleDefinition c -> moduleDefinition(c);
                case WastCommand.ModuleInstance c -> moduleInstance(c);
                case WastCommand.Register c -> register(c);
                case WastCommand.Action c -> {
                    perform(c.action());
                    yield CommandResult.passed(line, kind);
                }
                case WastCommand.AssertReturn c -> assertReturn(c);
                case WastCommand.AssertTrap c -> c.action() != null
                        ? expectActionTrap(line, kind, c.action(), c.message())
                        : expectInstantiationTrap(line, kind, c.module(), c.message());
                case WastCommand.AssertExhaustion c -> expectActionTrap(line, kind, c.action(), c.message());
                case WastCommand.AssertInvalid c -> assertInvalid(line, kind, c.module(), c.message());
                case WastCommand.AssertMalformed c -> assertMalformed(line, kind, c.module(), c.message());
                case WastCommand.AssertInvalidCustom c -> assertInvalid(line, kind, c.module(), c.message());
                case WastCommand.AssertMalformedCustom c -> assertMalformed(line, kind, c.module(), c.message());
                case WastCommand.AssertUnlinkable c -> assertUnlinkable(c);
                case WastCommand.AssertUninstantiable c ->
                        expectInstantiationTrap(line, kind, c.module(), c.message());
                case WastCommand.Unsupported c -> unsupported(c);
            };
        } catch (UnsupportedFeatureException e) {
            return CommandResult.skipped(line, kind, e.feature(), e.getMessage());
        } catch (SkipCommand e) {
            return e.skip.result(line, kind);
        } catch (RuntimeException | Error e) {
            if (e instanceof JitUnsupportedException j && j.gap() != null) {
                // A gap found only at a function's first call (strict mode refuses gaps at instantiation).
                return CommandResult.skippedForJit(line, kind, j.gap(), "JIT gap: " + j.getMessage());
            }
            // Anything else, including our own bugs and StackOverflowError, fails this command only.
            return CommandResult.failed(line, kind, "expected " + expectation(command) + ", got " + describe(e));
        }
    }

    // ---- commands ----

    private CommandResult module(WastCommand.ModuleCommand c) {
        ModuleSlot slot;
        CommandResult result;
        try {
            slot = new ModuleSlot.Ready(instantiate(define(c.name(), c.line(), c.source())));
            result = CommandResult.passed(c.line(), "module");
        } catch (UnsupportedFeatureException e) {
            Skip skip = new Skip(e.feature(), e.getMessage());
            slot = new ModuleSlot.Skipped(skip);
            result = CommandResult.skipped(c.line(), "module", skip.feature(), skip.reason());
        } catch (SkipCommand e) {
            slot = new ModuleSlot.Skipped(e.skip);
            result = e.skip.result(c.line(), "module");
        } catch (RuntimeException | Error e) {
            slot = new ModuleSlot.Broken(c.line(), describe(e));
            result = CommandResult.failed(c.line(), "module", "expected module to load, got " + describe(e));
        }
        current = slot;
        if (c.name() != null) {
            named.put(c.name(), slot);
        }
        return result;
    }

    /** {@code (module definition ...)}: parsed and validated now, instantiated by module instance commands. */
    private CommandResult moduleDefinition(WastCommand.ModuleDefinition c) {
        define(c.name(), c.line(), c.source());
        return CommandResult.passed(c.line(), "module definition");
    }

    /** {@code (module instance $i? $d?)}: a new instance of a definition becomes the current module. */
    private CommandResult moduleInstance(WastCommand.ModuleInstance c) {
        Definition definition = definition(c.definition());
        ModuleSlot slot;
        CommandResult result;
        try {
            Module module = switch (definition) {
                case Definition.Ready ready -> ready.module();
                case Definition.Skipped skipped -> throw new SkipCommand(moduleSkipped(skipped.skip()));
                case Definition.Broken b -> throw new BrokenDependency("module definition failed to load at line "
                        + b.line() + " (" + b.reason() + ")");
            };
            slot = new ModuleSlot.Ready(instantiate(module));
            result = CommandResult.passed(c.line(), "module instance");
        } catch (UnsupportedFeatureException e) {
            Skip skip = new Skip(e.feature(), e.getMessage());
            slot = new ModuleSlot.Skipped(skip);
            result = CommandResult.skipped(c.line(), "module instance", skip.feature(), skip.reason());
        } catch (SkipCommand e) {
            slot = new ModuleSlot.Skipped(e.skip);
            result = e.skip.result(c.line(), "module instance");
        } catch (RuntimeException | Error e) {
            slot = new ModuleSlot.Broken(c.line(), describe(e));
            result = CommandResult.failed(c.line(), "module instance",
                    "expected module to instantiate, got " + describe(e));
        }
        current = slot;
        if (c.instance() != null) {
            named.put(c.instance(), slot);
        }
        return result;
    }

    /**
     * Parses and validates a module, recording the outcome as the definition {@code name}
     * (when named) and as the last definition; rethrows what went wrong.
     */
    private Module define(String name, int line, ModuleSource source) {
        Definition definition;
        try {
            Module module = load(source);
            Validator.validate(module);
            definition = new Definition.Ready(source, module);
            record(name, definition);
            return module;
        } catch (UnsupportedFeatureException e) {
            record(name, new Definition.Skipped(source, new Skip(e.feature(), e.getMessage())));
            throw e;
        } catch (RuntimeException | Error e) {
            record(name, new Definition.Broken(source, line, describe(e)));
            throw e;
        }
    }

    private void record(String name, Definition definition) {
        lastDefinition = definition;
        if (name != null) {
            definitions.put(name, definition);
        }
    }

    private Definition definition(String name) {
        Definition d = name == null ? lastDefinition : definitions.get(name);
        if (d == null) {
            throw new IllegalStateException(name == null ? "no module defined" : "unknown module " + name);
        }
        return d;
    }

    private CommandResult register(WastCommand.Register c) {
        ModuleSlot slot = c.moduleName() == null ? current : named.get(c.moduleName());
        if (slot == null) {
            throw new IllegalStateException(c.moduleName() == null ? "no module defined" : "unknown module " + c.moduleName());
        }
        registry.put(c.as(), slot);
        return switch (slot) {
            case ModuleSlot.Ready ignored -> CommandResult.passed(c.line(), "register");
            case ModuleSlot.Skipped s -> throw new SkipCommand(moduleSkipped(s.skip()));
            case ModuleSlot.Broken b -> throw new BrokenDependency(brokenModule(b));
        };
    }

    private CommandResult assertReturn(WastCommand.AssertReturn c) {
        ActionResult actual = perform(c.action());
        if (ResultMatcher.matchesAll(c.expected(), actual.types(), actual.values())) {
            return CommandResult.passed(c.line(), "assert_return");
        }
        return CommandResult.failed(c.line(), "assert_return",
                "expected " + WastValues.formatExpected(c.expected()) + ", got " + actual.describe());
    }

    private CommandResult expectActionTrap(int line, String kind, WastAction action, String message) {
        ActionResult actual;
        try {
            actual = perform(action);
        } catch (Trap trap) {
            return trapMatches(line, kind, trap, message);
        }
        return CommandResult.failed(line, kind, "expected trap \"" + message + "\", got " + actual.describe());
    }

    private CommandResult expectInstantiationTrap(int line, String kind, ModuleSource source, String message) {
        Module module = load(source);
        Validator.validate(module);
        checkImportsCountingRefused(module);
        try {
            instantiateOrSkipGap(module);
        } catch (Trap trap) {
            return trapMatches(line, kind, trap, message);
        }
        return CommandResult.failed(line, kind, "expected trap \"" + message + "\", got a module instance");
    }

    private static CommandResult trapMatches(int line, String kind, Trap trap, String message) {
        if (ExpectedMessage.matches(trap.getMessage(), message)) {
            return CommandResult.passed(line, kind);
        }
        return CommandResult.failed(line, kind, "expected trap \"" + message + "\", got " + describe(trap));
    }

    private CommandResult assertInvalid(int line, String kind, ModuleSource source, String message) {
        try {
            Validator.validate(load(source));
        } catch (InvalidModuleException e) {
            return messageMatches(line, kind, e, "invalid", message);
        }
        return CommandResult.failed(line, kind, "expected invalid \"" + message + "\", got a valid module");
    }

    private CommandResult assertMalformed(int line, String kind, ModuleSource source, String message) {
        try {
            load(source);
        } catch (MalformedModuleException e) {
            return messageMatches(line, kind, e, "malformed", message);
        }
        return CommandResult.failed(line, kind, "expected malformed \"" + message + "\", got a well-formed module");
    }

    private CommandResult assertUnlinkable(WastCommand.AssertUnlinkable c) {
        Module module = load(c.module());
        Validator.validate(module);
        checkImports(module);
        try {
            instantiateOrSkipGap(module);
        } catch (LinkException e) {
            return messageMatches(c.line(), "assert_unlinkable", e, "link error", c.message());
        }
        return CommandResult.failed(c.line(), "assert_unlinkable",
                "expected link error \"" + c.message() + "\", got a module instance");
    }

    private static CommandResult messageMatches(int line, String kind, RuntimeException e, String what, String message) {
        if (ExpectedMessage.matches(e.getMessage(), message)) {
            return CommandResult.passed(line, kind);
        }
        return CommandResult.failed(line, kind, "expected " + what + " \"" + message + "\", got " + describe(e));
    }

    /** A command whose syntax needs a feature. */
    private static CommandResult unsupported(WastCommand.Unsupported c) {
        return CommandResult.skipped(c.line(), c.kind(), c.feature(), c.reason());
    }

    // ---- modules, imports, actions ----

    private static Module load(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Text(String text) -> WatParser.parseModule(text);
            case ModuleSource.Quote(String text) -> WatParser.parseModule(text);
            case ModuleSource.Binary binary -> ModuleDecoder.decode(binary.bytes());
        };
    }

    /** Instantiates a validated module. */
    private Instance instantiate(Module module) {
        Skip shared = checkImportsCountingRefused(module);
        long counted = coverage().totalFunctions();
        Instance instance;
        try {
            instance = instantiateOrSkipGap(module);
        } catch (LinkException | Trap e) {
            if (shared == null) {
                throw e;
            }
            if (shared.gap() != null) {
                // The interpreter instantiates it (its state is the script's): count it as refused.
                countRefused(module, counted);
            }
            // What it imports is not in the state the script expects (a skipped command would
            // have changed it): linking or the segments may fail for that alone.
            throw new SkipCommand(shared);
        }
        if (shared != null) {
            // It imports memory, tables or globals a skipped module may have written to.
            sharedWithSkipped.put(instance, shared);
        }
        return instance;
    }

    /**
     * Counts the defined functions of a module that did not instantiate for a JIT gap, less
     * those the store's coverage counted already ({@code countedBefore} is its total before
     * the attempt): with lazy compilation a start function refused at its first call leaves
     * the module's functions counted as compiled lazily.
     */
    private void countRefused(Module module, long countedBefore) {
        jitGapFunctions += module.functions().size() - (coverage().totalFunctions() - countedBefore);
    }

    /**
     * {@link #checkImports}, for a module the interpreter instantiates (or starts to, when an
     * instantiation trap is expected): skipped because it imports from a module the strict JIT
     * refused, its functions count as refused, since the interpreter instantiates both.
     */
    private Skip checkImportsCountingRefused(Module module) {
        try {
            return checkImports(module);
        } catch (SkipCommand e) {
            if (e.skip.gap() != null) {
                jitGapFunctions += module.functions().size();
            }
            throw e;
        }
    }

    /**
     * Turns imports from skipped or failed modules into a skip or a failure of
     * this command before the runtime reports a misleading "unknown import".
     * Returns the skip of a registered instance it imports from whose state a
     * skipped module shares, or null.
     */
    private Skip checkImports(Module module) {
        Skip shared = null;
        for (Import imp : module.imports()) {
            ModuleSlot slot = registry.get(imp.module());
            switch (slot) {
                case ModuleSlot.Skipped s -> throw new SkipCommand(moduleSkipped(s.skip()));
                case ModuleSlot.Broken b -> throw new BrokenDependency(
                        "module registered as \"" + imp.module() + "\" " + brokenModule(b));
                case ModuleSlot.Ready(Instance instance) -> {
                    if (shared == null) {
                        shared = sharedWithSkipped.get(instance);
                    }
                }
                case null -> {
                    if (imp.module().equals(SPECTEST)) {
                        spectest();
                    }
                }
            }
        }
        return shared;
    }

    /**
     * Instantiates {@code module}; in strict JIT mode a module refused because it needs a
     * {@link JitGap} is skipped for that gap (its functions counted in {@link #jitGapFunctions}),
     * not failed: the JIT's known gaps read as such in the JIT's expectations.
     */
    private Instance instantiateOrSkipGap(Module module) {
        long counted = coverage().totalFunctions();
        try {
            return store().instantiate(module, resolver());
        } catch (JitUnsupportedException e) {
            if (e.gap() == null) {
                throw e;
            }
            countRefused(module, counted);
            throw new SkipCommand(new Skip(null, e.gap(), "JIT gap: " + e.getMessage()));
        }
    }

    /** Defined functions of the modules strict JIT mode refused for a JIT gap. */
    long jitGapFunctions() {
        return jitGapFunctions;
    }

    private ImportResolver resolver() {
        return (moduleName, name) -> {
            ModuleSlot slot = registry.get(moduleName);
            if (slot instanceof ModuleSlot.Ready(Instance instance)) {
                return instance.export(name);
            }
            if (slot == null && moduleName.equals(SPECTEST)) {
                return spectest().get(name);
            }
            return null;
        };
    }

    private ActionResult perform(WastAction action) {
        Instance instance = target(action.moduleName());
        return switch (action) {
            case WastAction.Invoke invoke -> {
                FunctionInstance function = instance.function(invoke.field());
                long[] results;
                try {
                    results = function.call(WastValues.toRuntime(invoke.args()));
                } catch (JitUnsupportedException e) {
                    if (e.gap() == null) {
                        throw e;
                    }
                    // A gap refused at the function's first call (strict mode refuses the JitGaps it
                    // reads from the Wasm code at instantiation; this keeps any later one honest).
                    // The call did not happen, so the instance's state is not what the script
                    // expects from here on: its later commands are skipped too.
                    Skip skip = new Skip(null, e.gap(), "JIT gap: " + e.getMessage());
                    sharedWithSkipped.putIfAbsent(instance, skip.withReason(
                            "shares state with a call the JIT refused: " + e.getMessage()));
                    throw new SkipCommand(skip);
                }
                yield new ActionResult(function.type().results(), results);
            }
            case WastAction.Get get -> {
                GlobalInstance global = instance.global(get.field());
                ValType type = global.type().type();
                yield new ActionResult(List.of(type), type == ValType.V128 ? global.getV128() : new long[] {global.get()});
            }
        };
    }

    private Instance target(String moduleName) {
        ModuleSlot slot = moduleName == null ? current : named.get(moduleName);
        return switch (slot) {
            case ModuleSlot.Ready(Instance instance) -> {
                Skip shared = sharedWithSkipped.get(instance);
                if (shared != null) {
                    throw new SkipCommand(shared);
                }
                yield instance;
            }
            case ModuleSlot.Skipped s -> throw new SkipCommand(moduleSkipped(s.skip()));
            case ModuleSlot.Broken b -> throw new BrokenDependency(brokenModule(b));
            case null -> throw new IllegalStateException(
                    moduleName == null ? "no module defined" : "unknown module " + moduleName);
        };
    }

    /** Where the defined functions instantiated so far run; none before the first instantiation. */
    JitCoverage coverage() {
        return store == null ? FileReport.NO_FUNCTIONS : JitCoverage.of(store);
    }

    /** Releases the store's memories (native reservations); the script's instances die with it. */
    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private Store store() {
        if (store == null) {
            store = new Store(options);
        }
        return store;
    }

    private Map<String, Extern> spectest() {
        if (spectest == null) {
            spectest = SpectestModule.create(store(), spectestOut);
        }
        return spectest;
    }

    // ---- state shared with skipped modules ----

    /** The module a command instantiates (running its segments and start function), or null. */
    private ModuleSource instantiatedModule(WastCommand command) {
        return switch (command) {
            case WastCommand.ModuleCommand c -> c.source();
            case WastCommand.ModuleInstance c -> {
                Definition d = c.definition() == null ? lastDefinition : definitions.get(c.definition());
                yield d == null ? null : d.source();
            }
            case WastCommand.AssertTrap c -> c.module();
            case WastCommand.AssertUninstantiable c -> c.module();
            default -> null;
        };
    }

    /**
     * A skipped module's segments and start function would have written to the
     * memories, tables and globals it imports: from now on, the commands acting on
     * the registered instances it imports from are skipped for its reason.
     */
    private void shareSkip(ModuleSource source, Skip skip, int line) {
        Set<String> imported = importedModuleNames(source);
        Skip shared = skip.withReason("shares state with the module skipped at line " + line + ": "
                + stripModuleSkipped(skip.reason()));
        registry.forEach((name, slot) -> {
            if (slot instanceof ModuleSlot.Ready(Instance instance) && (imported == null || imported.contains(name))) {
                sharedWithSkipped.putIfAbsent(instance, shared);
            }
        });
    }

    /** The module names a module imports from, read without parsing all of it; null when unknown (any). */
    private static Set<String> importedModuleNames(ModuleSource source) {
        try {
            return switch (source) {
                case ModuleSource.Text(String text) -> WatParser.importedModuleNames(text);
                case ModuleSource.Quote(String text) -> WatParser.importedModuleNames(text);
                case ModuleSource.Binary binary -> {
                    Set<String> names = new HashSet<>();
                    ModuleDecoder.decode(binary.bytes()).imports().forEach(i -> names.add(i.module()));
                    yield names;
                }
            };
        } catch (RuntimeException e) {
            // A binary module that needs an unsupported feature does not decode (nor does text that
            // does not tokenize): it may import from anything.
            return null;
        }
    }

    // ---- reporting ----

    private static String stripModuleSkipped(String reason) {
        return reason.startsWith("module skipped: ") ? reason.substring("module skipped: ".length()) : reason;
    }

    private static Skip moduleSkipped(Skip skip) {
        return skip.reason().startsWith("module skipped: ") ? skip
                : skip.withReason("module skipped: " + skip.reason());
    }

    private static String brokenModule(ModuleSlot.Broken b) {
        return "failed to load at line " + b.line() + " (" + b.reason() + ")";
    }

    static String kindOf(WastCommand command) {
        return switch (command) {
            case WastCommand.ModuleCommand ignored -> "module";
            case WastCommand.ModuleDefinition ignored -> "module definition";
            case WastCommand.ModuleInstance ignored -> "module instance";
            case WastCommand.Register ignored -> "register";
            case WastCommand.Action c -> c.action() instanceof WastAction.Get ? "get" : "invoke";
            case WastCommand.AssertReturn ignored -> "assert_return";
            case WastCommand.AssertTrap ignored -> "assert_trap";
            case WastCommand.AssertExhaustion ignored -> "assert_exhaustion";
            case WastCommand.AssertInvalid ignored -> "assert_invalid";
            case WastCommand.AssertMalformed ignored -> "assert_malformed";
            case WastCommand.AssertInvalidCustom ignored -> "assert_invalid_custom";
            case WastCommand.AssertMalformedCustom ignored -> "assert_malformed_custom";
            case WastCommand.AssertUnlinkable ignored -> "assert_unlinkable";
            case WastCommand.AssertUninstantiable ignored -> "assert_uninstantiable";
            case WastCommand.Unsupported c -> c.kind();
        };
    }

    private static String expectation(WastCommand command) {
        return switch (command) {
            case WastCommand.ModuleCommand ignored -> "module to load";
            case WastCommand.ModuleDefinition ignored -> "module to be valid";
            case WastCommand.ModuleInstance ignored -> "module to instantiate";
            case WastCommand.Register ignored -> "registration";
            case WastCommand.Action ignored -> "action to complete";
            case WastCommand.AssertReturn c -> WastValues.formatExpected(c.expected());
            case WastCommand.AssertTrap c -> "trap \"" + c.message() + "\"";
            case WastCommand.AssertExhaustion c -> "trap \"" + c.message() + "\"";
            case WastCommand.AssertInvalid c -> "invalid \"" + c.message() + "\"";
            case WastCommand.AssertMalformed c -> "malformed \"" + c.message() + "\"";
            case WastCommand.AssertInvalidCustom c -> "invalid \"" + c.message() + "\"";
            case WastCommand.AssertMalformedCustom c -> "malformed \"" + c.message() + "\"";
            case WastCommand.AssertUnlinkable c -> "link error \"" + c.message() + "\"";
            case WastCommand.AssertUninstantiable c -> "trap \"" + c.message() + "\"";
            case WastCommand.Unsupported c -> "skip";
        };
    }

    /** How an exception is named in a failure: the spec category for ours, the class otherwise. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String quoted = "\"" + message + "\"";
        return switch (e) {
            case Trap ignored -> "trap " + quoted;
            case LinkException ignored -> "link error " + quoted;
            case InvalidModuleException ignored -> "invalid " + quoted;
            case MalformedModuleException ignored -> "malformed " + quoted;
            case BrokenDependency ignored -> message;
            // Strict JIT mode (--jit=strict): the runtime's own message names the function and the reason.
            case JitUnsupportedException ignored -> "JIT unsupported " + quoted;
            default -> e.getClass().getName() + (message == null ? "" : ": " + message);
        };
    }
}
