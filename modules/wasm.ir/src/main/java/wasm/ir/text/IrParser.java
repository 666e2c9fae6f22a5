package wasm.ir.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import wasm.ir.FloatCC;
import wasm.ir.Function;
import wasm.ir.IntCC;
import wasm.ir.IrOpcode;
import wasm.ir.Signature;
import wasm.ir.TrapCode;
import wasm.ir.Type;

/**
 * Reads the text written by {@link IrPrinter}. Value and block numbers in the
 * text become the handles of the parsed function, so {@code print(parse(t))}
 * equals {@code t} for printer output. One construct per line.
 */
public final class IrParser {
    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private int line;
    private final Function f;
    private final java.util.TreeMap<Integer, Integer> usedValues = new java.util.TreeMap<>();
    private final java.util.TreeMap<Integer, Integer> usedBlocks = new java.util.TreeMap<>();
    private final BitSet definedBlocks = new BitSet();
    private int[] args = new int[8];

    private IrParser(Function f) {
        this.f = f;
    }

    public static Function parse(String text) {
        Function f = new Function();
        parse(text, f);
        return f;
    }

    /** Parses into {@code into} (cleared first). */
    public static void parse(String text, Function into) {
        into.clear();
        new IrParser(into).run(text);
    }

    private void run(String text) {
        String[] lines = text.split("\n", -1);
        int block = -1;
        boolean header = false, closed = false;
        for (line = 1; line <= lines.length; line++) {
            String l = lines[line - 1];
            int hash = l.indexOf(';');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            tokenize(l);
            if (tokens.isEmpty()) {
                continue;
            }
            if (closed) {
                throw error("text after the closing brace");
            }
            if (!header) {
                expect("function");
                String name = word();
                if (!name.startsWith("%")) {
                    throw error("function name must start with %");
                }
                f.setName(name.substring(1));
                f.setSignature(signature());
                expect("{");
                end();
                header = true;
                continue;
            }
            String first = peek();
            if (first.equals("}")) {
                pos++;
                end();
                closed = true;
                continue;
            }
            if (block < 0 && (first.startsWith("type") || first.startsWith("fn")) && tokens.size() > 1 && tokens.get(1).equals("=")) {
                boolean isType = first.startsWith("type");
                int index = number(first.substring(isType ? 4 : 2));
                pos += 2;
                Signature sig = signature();
                end();
                if (isType) {
                    f.declareType(index, sig);
                } else {
                    f.declareCallee(index, sig);
                }
                continue;
            }
            if (first.startsWith("block") && tokens.get(tokens.size() - 1).equals(":")) {
                block = blockRef(word());
                if (definedBlocks.get(block)) {
                    throw error("block" + block + " defined twice");
                }
                definedBlocks.set(block);
                if (accept("(")) {
                    if (!accept(")")) {
                        do {
                            int v = valueRef(word(), false);
                            expect(":");
                            f.defineBlockParam(block, v, type(word()));
                        } while (accept(","));
                        expect(")");
                    }
                }
                if (accept("inlined")) {
                    f.setBlockOrigin(block, (int) prefixed("fn"));
                }
                expect(":");
                end();
                f.appendBlock(block);
                continue;
            }
            if (block < 0) {
                throw error("instruction outside a block");
            }
            instruction(block);
        }
        if (!closed) {
            throw new IrParseException(lines.length, "missing closing brace");
        }
        for (var e : usedValues.entrySet()) {
            int v = e.getKey();
            if (v >= f.valueCount() || f.isUnused(v)) {
                throw new IrParseException(e.getValue(), "use of undefined value v" + v);
            }
        }
        for (var e : usedBlocks.entrySet()) {
            if (!definedBlocks.get(e.getKey())) {
                throw new IrParseException(e.getValue(), "branch to undefined block" + e.getKey());
            }
        }
    }

    private void instruction(int block) {
        List<Integer> results = new ArrayList<>(2);
        if (tokens.size() > 1 && (tokens.get(1).equals("=") || tokens.get(1).equals(","))) {
            do {
                results.add(valueRef(word(), false));
            } while (accept(","));
            expect("=");
        }
        String mnemonic = word();
        IrOpcode op = IrOpcode.fromText(mnemonic);
        Type ctrl = null;
        if (op == null || (op.hasCtrlType() && mnemonic.lastIndexOf('.') > 0 && Type.fromText(mnemonic.substring(mnemonic.lastIndexOf('.') + 1)) != null)) {
            int dot = mnemonic.lastIndexOf('.');
            if (dot > 0) {
                ctrl = Type.fromText(mnemonic.substring(dot + 1));
                op = IrOpcode.fromText(mnemonic.substring(0, dot));
            }
            if (op == null || ctrl == null) {
                throw error("unknown instruction " + mnemonic);
            }
        }
        if (op.hasCtrlType() && ctrl == null) {
            throw error(op.text() + " needs a type suffix");
        }
        if (ctrl != null && (op.ctrlTypes() & ctrl.mask()) == 0) {
            throw error(op.text() + " does not take type " + ctrl.text());
        }
        long imm = 0;
        int imm2 = 0;
        int n = 0;
        List<int[]> targets = new ArrayList<>();
        switch (op.format()) {
            case PLAIN, RETURN -> n = valueList(0);
            case INT_IMM -> imm = longValue(word());
            case FLOAT_IMM -> imm = Long.parseUnsignedLong(strip(word(), "0x"), 16);
            case INT_COMPARE -> {
                IntCC cc = IntCC.fromText(word());
                if (cc == null) {
                    throw error("unknown integer condition");
                }
                imm = cc.ordinal();
                n = valueList(0);
            }
            case FLOAT_COMPARE -> {
                FloatCC cc = FloatCC.fromText(word());
                if (cc == null) {
                    throw error("unknown float condition");
                }
                imm = cc.ordinal();
                n = valueList(0);
            }
            case LOAD -> {
                imm2 = wasm.ir.Function.accessImm2(optionalMemory(), inBounds());
                put(0, valueRef(word(), true));
                n = 1;
                imm = offset();
            }
            case STORE -> {
                imm2 = wasm.ir.Function.accessImm2(optionalMemory(), inBounds());
                put(0, valueRef(word(), true));
                expect(",");
                put(1, valueRef(word(), true));
                n = 2;
                imm = offset();
            }
            case MEMORY -> {
                imm = prefixed("mem");
                n = accept(",") ? valueList(0) : 0;
            }
            case MEMORY_COPY -> {
                imm = prefixed("mem");
                expect(",");
                imm2 = (int) prefixed("mem");
                n = accept(",") ? valueList(0) : 0;
            }
            case MEMORY_INIT -> {
                imm = prefixed("data");
                expect(",");
                imm2 = (int) prefixed("mem");
                n = accept(",") ? valueList(0) : 0;
            }
            case FUNC -> imm = prefixed("fn");
            case GLOBAL -> {
                imm = prefixed("g");
                n = accept(",") ? valueList(0) : 0;
            }
            case TABLE -> {
                imm = prefixed("table");
                n = accept(",") ? valueList(0) : 0;
            }
            case TABLE_COPY -> {
                imm = prefixed("table");
                expect(",");
                imm2 = (int) prefixed("table");
                n = accept(",") ? valueList(0) : 0;
            }
            case TABLE_INIT -> {
                imm = prefixed("elem");
                expect(",");
                imm2 = (int) prefixed("table");
                n = accept(",") ? valueList(0) : 0;
            }
            case ELEM -> {
                imm = prefixed("elem");
                n = accept(",") ? valueList(0) : 0;
            }
            case DATA -> {
                imm = prefixed("data");
                n = accept(",") ? valueList(0) : 0;
            }
            case CALL -> {
                imm = prefixed("fn");
                expect("(");
                n = accept(")") ? 0 : closeList(valueList(0));
            }
            case CALL_INDIRECT -> {
                imm = prefixed("type");
                expect(",");
                imm2 = (int) prefixed("table");
                expect(",");
                put(0, valueRef(word(), true));
                expect("(");
                n = accept(")") ? 1 : closeList(valueList(1));
            }
            case JUMP -> targets.add(target());
            case BRIF -> {
                put(0, valueRef(word(), true));
                n = 1;
                expect(",");
                targets.add(target());
                expect(",");
                targets.add(target());
            }
            case BR_TABLE -> {
                put(0, valueRef(word(), true));
                n = 1;
                expect(",");
                targets.add(target());
                expect(",");
                expect("[");
                if (!accept("]")) {
                    do {
                        targets.add(target());
                    } while (accept(","));
                    expect("]");
                }
            }
            case TRAP -> {
                TrapCode code = TrapCode.fromText(word());
                if (code == null) {
                    throw error("unknown trap code");
                }
                imm = code.ordinal();
            }
            case LANE -> {
                n = values(op.fixedOperandCount());
                expect(",");
                imm = number(word());
            }
            case SHUFFLE -> {
                n = values(2);
                expect(",");
                expect("[");
                int[] lanes = new int[16];
                for (int k = 0; k < 16; k++) {
                    lanes[k] = number(word());
                    if (lanes[k] > 31) {
                        throw error("shuffle lane index " + lanes[k] + " is not 0..31");
                    }
                }
                expect("]");
                imm = wasm.ir.ShuffleMask.imm(lanes);
                imm2 = wasm.ir.ShuffleMask.imm2(lanes);
            }
            case LOAD_LANE -> {
                int memory = optionalMemory();
                put(0, valueRef(word(), true));
                imm = offset();
                expect(",");
                put(1, valueRef(word(), true));
                n = 2;
                expect(",");
                imm2 = laneAccess(memory, number(word()));
            }
            case STORE_LANE -> {
                int memory = optionalMemory();
                put(0, valueRef(word(), true));
                expect(",");
                put(1, valueRef(word(), true));
                n = 2;
                imm = offset();
                expect(",");
                imm2 = laneAccess(memory, number(word()));
            }
        }
        end();
        int inst = f.makeInst(op, ctrl, imm, imm2, args, n);
        for (int[] t : targets) {
            f.addTarget(inst, t[0], java.util.Arrays.copyOfRange(t, 1, t.length), t.length - 1);
        }
        List<Type> resultTypes = new ArrayList<>();
        if (op.fixedResultCount() >= 0) {
            for (int k = 0; k < op.fixedResultCount(); k++) {
                resultTypes.add(op.resultType(k, ctrl));
            }
        } else {
            Signature sig = op == IrOpcode.CALL ? f.calleeSignature((int) imm) : f.typeSignature((int) imm);
            if (sig == null) {
                throw error((op == IrOpcode.CALL ? "undeclared fn" : "undeclared type") + imm);
            }
            resultTypes.addAll(sig.results());
        }
        if (resultTypes.size() != results.size()) {
            throw error(op.text() + " defines " + resultTypes.size() + " results, text names " + results.size());
        }
        for (int k = 0; k < results.size(); k++) {
            f.defineResult(inst, results.get(k), resultTypes.get(k));
        }
        f.appendInst(block, inst);
    }

    /** Exactly {@code count} comma-separated value references into args[0..]; returns count. */
    private int values(int count) {
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                expect(",");
            }
            put(k, valueRef(word(), true));
        }
        return count;
    }

    private int closeList(int n) {
        expect(")");
        return n;
    }

    /** The optional {@code inbounds} flag of a load or store. */
    private boolean inBounds() {
        return accept("inbounds");
    }

    private long offset() {
        if (accept("+")) {
            String w = word();
            try {
                return Long.parseUnsignedLong(w);
            } catch (NumberFormatException e) {
                throw error("bad offset " + w);
            }
        }
        return 0;
    }

    /** {@code memN} before a load's or store's address: memory N; memory 0 when absent. */
    private int optionalMemory() {
        return peek().startsWith("mem") ? (int) prefixed("mem") : 0;
    }

    /** A lane access's {@code imm2}: a lane a v128 has (0..15; the verifier checks the shape's count). */
    private int laneAccess(int memory, int lane) {
        if (lane > 15) {
            throw error("lane " + lane + " is not 0..15");
        }
        return wasm.ir.Function.laneAccessImm2(memory, lane);
    }

    private int[] target() {
        int b = blockRef(word());
        usedBlocks.putIfAbsent(b, line);
        List<Integer> vs = new ArrayList<>();
        if (accept("(")) {
            if (!accept(")")) {
                do {
                    vs.add(valueRef(word(), true));
                } while (accept(","));
                expect(")");
            }
        }
        int[] t = new int[vs.size() + 1];
        t[0] = b;
        for (int k = 0; k < vs.size(); k++) {
            t[k + 1] = vs.get(k);
        }
        return t;
    }

    /** Comma-separated value references from the cursor into args[from...]; returns the new count. */
    private int valueList(int from) {
        int n = from;
        if (pos >= tokens.size() || !tokens.get(pos).startsWith("v")) {
            return n;
        }
        do {
            put(n++, valueRef(word(), true));
        } while (accept(","));
        return n;
    }

    private void put(int k, int v) {
        if (k >= args.length) {
            args = java.util.Arrays.copyOf(args, args.length * 2);
        }
        args[k] = v;
    }

    private Signature signature() {
        expect("(");
        List<Type> params = new ArrayList<>();
        if (!accept(")")) {
            do {
                params.add(type(word()));
            } while (accept(","));
            expect(")");
        }
        List<Type> results = new ArrayList<>();
        if (accept("->")) {
            do {
                results.add(type(word()));
            } while (accept(","));
        }
        return new Signature(params, results);
    }

    private Type type(String w) {
        Type t = Type.fromText(w);
        if (t == null || !t.isValueType()) {
            throw error("unknown type " + w);
        }
        return t;
    }

    private int valueRef(String w, boolean use) {
        if (!w.startsWith("v")) {
            throw error("expected a value, found " + w);
        }
        int v = number(w.substring(1));
        f.ensureValue(v);
        if (use) {
            usedValues.putIfAbsent(v, line);
        }
        return v;
    }

    private int blockRef(String w) {
        if (!w.startsWith("block")) {
            throw error("expected a block, found " + w);
        }
        int b = number(w.substring(5));
        f.ensureBlock(b);
        return b;
    }

    private long prefixed(String prefix) {
        String w = word();
        if (!w.startsWith(prefix)) {
            throw error("expected " + prefix + "N, found " + w);
        }
        return number(w.substring(prefix.length()));
    }

    private int number(String digits) {
        try {
            int n = Integer.parseInt(digits);
            if (n < 0) {
                throw error("negative index");
            }
            return n;
        } catch (NumberFormatException e) {
            throw error("bad number " + digits);
        }
    }

    private long longValue(String w) {
        try {
            return Long.parseLong(w);
        } catch (NumberFormatException e) {
            throw error("bad integer " + w);
        }
    }

    private String strip(String w, String prefix) {
        if (!w.startsWith(prefix)) {
            throw error("expected " + prefix + "..., found " + w);
        }
        return w.substring(prefix.length());
    }

    private void tokenize(String l) {
        tokens.clear();
        pos = 0;
        int i = 0, n = l.length();
        while (i < n) {
            char c = l.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && l.charAt(i + 1) == '>') {
                tokens.add("->");
                i += 2;
            } else if ("(),:=[]{}+".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int s = i;
                while (i < n && !Character.isWhitespace(l.charAt(i)) && "(),:=[]{}+".indexOf(l.charAt(i)) < 0
                        && !(l.charAt(i) == '-' && i + 1 < n && l.charAt(i + 1) == '>' && i > s)) {
                    i++;
                }
                tokens.add(l.substring(s, i));
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private String word() {
        if (pos >= tokens.size()) {
            throw error("unexpected end of line");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String t) {
        if (pos < tokens.size() && tokens.get(pos).equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw error("expected '" + t + "', found '" + peek() + "'");
        }
    }

    private void end() {
        if (pos != tokens.size()) {
            throw error("unexpected '" + peek() + "'");
        }
    }

    private IrParseException error(String msg) {
        return new IrParseException(line, msg);
    }

}
