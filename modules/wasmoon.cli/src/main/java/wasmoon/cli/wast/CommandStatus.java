package wasmoon.cli.wast;

/** How one script command ended. */
public enum CommandStatus {
    PASSED, FAILED, SKIPPED;

    /** Lower-case name used in the text and JSON reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
