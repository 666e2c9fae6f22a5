package wasmoon.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wasm.core.Feature;
import wasm.runtime.ExecutionTier;
import wasm.runtime.RuntimeOptions;
import wasm.runtime.tooling.JitCoverage;

class JsonReportTest {
    @Test
    void reportListsCountsAndEveryNonPassingCommand() {
        FileReport report = new FileReport("dir/a.wast", List.of(
                CommandResult.passed(1, "module"),
                CommandResult.failed(4, "assert_trap", "expected trap \"unreachable\", got [i32:0]"),
                CommandResult.skipped(7, "module", Feature.GC, "unsupported feature: gc (struct at 1:20)")),
                new JitCoverage(2, 1, Map.of("unsupported opcode: x", 1L)));
        String expected = """
                {
                  "passed": 1,
                  "failed": 1,
                  "skipped": 1,
                  "jit": {
                    "tier": "jit",
                    "strict": false,
                    "opt_level": 1,
                    "native_functions": 2,
                    "interpreted_functions": 1,
                    "fallback_reasons": [
                      {
                        "reason": "unsupported opcode: x",
                        "count": 1
                      }
                    ]
                  },
                  "files": [
                    {
                      "file": "dir/a.wast",
                      "passed": 1,
                      "failed": 1,
                      "skipped": 1,
                      "native_functions": 2,
                      "interpreted_functions": 1,
                      "commands": [
                        {
                          "line": 4,
                          "kind": "assert_trap",
                          "status": "failed",
                          "detail": "expected trap \\"unreachable\\", got [i32:0]"
                        },
                        {
                          "line": 7,
                          "kind": "module",
                          "status": "skipped",
                          "feature": "gc",
                          "detail": "unsupported feature: gc (struct at 1:20)"
                        }
                      ]
                    }
                  ]
                }
                """;
        assertEquals(expected, JsonReport.toJson(List.of(report),
                RuntimeOptions.defaults().withTier(ExecutionTier.JIT).withOptLevel(1)));
    }

    @Test
    void detailStringsAreEscapedAndAbsentDetailIsEmpty() {
        FileReport report = new FileReport("b.wast", List.of(
                CommandResult.failed(2, "assert_return", "a\"b\\c\nd\u0001\t\u00e9\uD83D\uDE00\uD800"),
                CommandResult.failed(3, "assert_return", null)),
                new JitCoverage(0, 0, Map.of()));
        String json = JsonReport.toJson(List.of(report), RuntimeOptions.defaults());
        assertTrue(json.contains("\"detail\": \"a\\\"b\\\\c\\nd\\u0001\\t\u00e9\uD83D\uDE00\\ud800\"\n"), json);
        assertTrue(json.contains("\"detail\": \"\"\n"), json);
        assertTrue(json.endsWith("}\n"), json);
    }
}
