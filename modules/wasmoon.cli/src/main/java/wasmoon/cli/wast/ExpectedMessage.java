package wasmoon.cli.wast;

/**
 * How an assertion's expected message is compared with the actual error text.
 *
 * <p>The reference interpreter checks that the actual message <em>starts with</em>
 * the expected one. wasmoon's messages may carry context before the spec wording
 * (for example the text parser's {@code "... at LINE:COL"} position, or an
 * explanatory prefix), so we accept the actual message when it <em>contains</em>
 * the expected text anywhere. This is looser than the reference by design.
 */
public final class ExpectedMessage {
    private ExpectedMessage() {
    }

    public static boolean matches(String actual, String expected) {
        if (expected == null || expected.isEmpty()) {
            return true;
        }
        return actual != null && actual.contains(expected);
    }
}
