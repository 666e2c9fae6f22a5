package wasmoon.cli;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The walk over one subcommand's arguments that {@code run}, {@code explore}
 * and {@code test} share, so they read options the same way:
 * <ul>
 * <li>{@code --option=VALUE} is {@code --option VALUE} for every option; a
 * flag given a value ({@code --no-jit=yes}) is an error;</li>
 * <li>a value given as the next argument is taken as is, even when it starts
 * with {@code -} ({@code --arg -5});</li>
 * <li>{@code -O0}, {@code -O1}, {@code -O2} are the compiler spelling of
 * {@code --opt-level N} ({@code -O3} is a bad level, not an unknown option);</li>
 * <li>{@code --} ends the options: what follows is an operand, whatever it looks
 * like, or, for {@code run}, the guest's arguments ({@link #rest()});</li>
 * <li>{@code -} alone is an operand (the usual name for standard input).</li>
 * </ul>
 * Every usage message starts with the command's name ({@code "run: --jit needs a value"}).
 * The caller drives the walk:
 * <pre>{@code
 * ArgCursor args = new ArgCursor("explore", argv);
 * while (args.next()) {
 *     if (args.isOperand()) { ...args.operand()...; continue; }
 *     switch (args.option()) {
 *         case "--func" -> functions.add(args.value("a function"));
 *         case "--opt-level" -> optLevel = args.optLevel();
 *         default -> throw args.unknownOption();
 *     }
 * }
 * }</pre>
 * Public for {@code wasmoon.cli.wast.TestCommand}; the package is not exported.
 */
public final class ArgCursor {
    /** {@code -O} followed by digits: an opt level in the compiler spelling (other digits are bad levels). */
    private static final Pattern OPT_LEVEL_SPELLING = Pattern.compile("-O[0-9]+");

    /**
     * How a missing or wrong value is worded. Both are pinned by tests and known
     * to users, so each command keeps its own; everything else is worded alike.
     */
    public enum Wording {
        /** {@code --jit needs a value}, {@code --jit expects strict or fallback, got 'x'}: run and explore. */
        EXPECTS,
        /** {@code --jit needs strict or fallback}, {@code --jit must be strict or fallback, got 'x'}: test. */
        MUST_BE
    }

    private final String command;
    private final List<String> argv;
    private final Wording wording;
    private final Function<String, ? extends RuntimeException> usageError;
    /** Index of the next argument {@link #next()} reads. */
    private int position;
    /** The current argument as given. */
    private String current;
    /** The current option's name ("--invoke" of "--invoke=f", "--opt-level" of "-O1"); null for an operand. */
    private String option;
    /** The value written into the current argument ("f" of "--invoke=f", "1" of "-O1"), or null. */
    private String inlineValue;
    private boolean afterDoubleDash;

    /**
     * A cursor before the first of {@code argv}, for {@code command} (the name
     * that starts every message), raising usage errors as {@code usageError} makes them.
     */
    public ArgCursor(String command, List<String> argv, Wording wording,
                     Function<String, ? extends RuntimeException> usageError) {
        this.command = command;
        this.argv = List.copyOf(argv);
        this.wording = wording;
        this.usageError = usageError;
    }

    /** The run/explore form: {@link Wording#EXPECTS}, errors as {@link UsageException} (exit 2 through Main). */
    ArgCursor(String command, List<String> argv) {
        this(command, argv, Wording.EXPECTS, UsageException::new);
    }

    /** Moves to the next argument; false when there is none left. */
    public boolean next() {
        if (position >= argv.size()) {
            current = null;
            option = null;
            inlineValue = null;
            return false;
        }
        current = argv.get(position++);
        option = null;
        inlineValue = null;
        if (afterDoubleDash || !current.startsWith("-") || current.equals("-")) {
            return true;
        }
        if (current.equals("--")) {
            afterDoubleDash = true;
            option = current;
        } else if (OPT_LEVEL_SPELLING.matcher(current).matches()) {
            option = "--opt-level";
            inlineValue = current.substring(2);
        } else {
            int eq = current.indexOf('=');
            if (current.startsWith("--") && eq > 2) {
                option = current.substring(0, eq);
                inlineValue = current.substring(eq + 1);
            } else {
                option = current;
            }
        }
        return true;
    }

    /** Whether the current argument is an operand (a file, say) rather than an option. */
    public boolean isOperand() {
        requireCurrent();
        return option == null;
    }

    /** The current operand as given. */
    public String operand() {
        if (!isOperand()) {
            throw new IllegalStateException(current + " is an option, not an operand");
        }
        return current;
    }

    /**
     * The current option's name: {@code --invoke} for {@code --invoke=f},
     * {@code --opt-level} for {@code -O1}, {@code --} for the end of the options.
     */
    public String option() {
        if (isOperand()) {
            throw new IllegalStateException(current + " is an operand, not an option");
        }
        return option;
    }

    /**
     * The current option is a flag: true, or a usage error when a value was
     * written into it ({@code --no-jit=yes}).
     */
    public boolean flag() {
        option();
        if (inlineValue != null) {
            throw error(option + " takes no value");
        }
        return true;
    }

    /**
     * The current option's value: the one after its {@code =}, else the next
     * argument whatever it looks like (so {@code --arg -5} works). {@code expected}
     * says what the value is ("a function name") for {@link Wording#MUST_BE}.
     */
    public String value(String expected) {
        option();
        if (inlineValue != null) {
            return inlineValue;
        }
        if (position >= argv.size()) {
            throw error(option + " needs " + (wording == Wording.EXPECTS ? "a value" : expected));
        }
        return argv.get(position++);
    }

    /** The current option's value, which must be one of {@code allowed}. */
    public String choice(String... allowed) {
        String expected = alternatives(allowed);
        String given = value(expected);
        for (String a : allowed) {
            if (a.equals(given)) {
                return given;
            }
        }
        throw badValue(expected, given);
    }

    /** The level of {@code --opt-level N} or {@code -ON}: 0, 1 or 2. */
    public int optLevel() {
        return Integer.parseInt(choice("0", "1", "2"));
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(\\d+)(KiB|MiB|GiB|TiB)?");

    /**
     * A size in bytes, such as {@code --memory64-limit 16GiB}: a whole number of bytes, or of KiB,
     * MiB, GiB or TiB, below 2^63.
     */
    public long byteSize() {
        String given = value("a size");
        java.util.regex.Matcher m = SIZE.matcher(given);
        if (m.matches()) {
            int shift = switch (m.group(2) == null ? "" : m.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                case "GiB" -> 30;
                case "TiB" -> 40;
                default -> 0;
            };
            java.math.BigInteger bytes = new java.math.BigInteger(m.group(1)).shiftLeft(shift);
            if (bytes.bitLength() < 63) {
                return bytes.longValue();
            }
        }
        throw badValue("a size in bytes, or with a unit KiB, MiB, GiB or TiB, such as 16GiB", given);
    }

    /** The arguments after the current one, all of them, as given; the walk is then over. */
    public List<String> rest() {
        List<String> rest = argv.subList(position, argv.size());
        position = argv.size();
        return rest;
    }

    /** A usage error of this command: {@code message} after the command's name. */
    public RuntimeException error(String message) {
        return usageError.apply(command + ": " + message);
    }

    /** A usage error for a value of the current option that is not one of {@code expected}. */
    public RuntimeException badValue(String expected, String given) {
        String verb = wording == Wording.EXPECTS ? " expects " : " must be ";
        return error(option() + verb + expected + ", got '" + given + "'");
    }

    /** A usage error for the current argument, an option this command does not know. */
    public RuntimeException unknownOption() {
        requireCurrent();
        return error("unknown option '" + current + "'");
    }

    /** A usage error for the current argument, an operand this command has no place for. */
    public RuntimeException unexpectedArgument() {
        return error("unexpected argument '" + operand() + "'");
    }

    /** As {@link #unexpectedArgument()}, with a hint in parentheses. */
    public RuntimeException unexpectedArgument(String hint) {
        return error("unexpected argument '" + operand() + "' (" + hint + ")");
    }

    /** A usage error for an operand that was never given ({@code name}: "FILE"). */
    public RuntimeException missingArgument(String name) {
        return error("missing " + name + " argument");
    }

    private void requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("no current argument: call next() first");
        }
    }

    /** "a", "a or b", "a, b or c". */
    private static String alternatives(String... allowed) {
        int last = allowed.length - 1;
        if (last == 0) {
            return allowed[0];
        }
        return String.join(", ", List.of(allowed).subList(0, last)) + " or " + allowed[last];
    }
}
