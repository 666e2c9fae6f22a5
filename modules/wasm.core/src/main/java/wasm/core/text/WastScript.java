package wasm.core.text;

import java.util.List;

/** A parsed .wast script: its commands in order. */
public record WastScript(String fileName, List<WastCommand> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }
}
