package wasm.core.text;

import java.util.List;

/**
 * A parsed .wast script: its commands in order.
 *
 * @param fileName the name reports give the script
 * @param commands the commands, in script order
 */
public record WastScript(String fileName, List<WastCommand> commands) {
    /**
     * Copies the commands.
     *
     * @throws NullPointerException when {@code commands} or one of its elements is null
     */
    public WastScript {
        commands = List.copyOf(commands);
    }
}
