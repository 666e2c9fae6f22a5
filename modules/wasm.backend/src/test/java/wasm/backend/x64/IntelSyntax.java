package wasm.backend.x64;

/**
 * The expected objdump Intel syntax for operands, written from the operand
 * values (not from bytes): registers by size, memory as
 * {@code SIZE PTR [base+index*scale±disp]}, immediates in hex sign-extended
 * to the operand size.
 */
final class IntelSyntax {
    private IntelSyntax() {}

    static String reg(Gpr r, Size size) {
        return r.name(size);
    }

    static String mem(Size size, Mem m) {
        return size.ptrName() + " PTR " + address(m);
    }

    /** objdump prints "+0x0" when a zero displacement had to be encoded (rbp/r13 base). */
    static String address(Mem m) {
        return switch (m) {
            case Mem.BaseDisp b -> "[" + b.base().name(Size.QWORD) + disp(b.base(), b.disp()) + "]";
            case Mem.BaseIndexDisp b -> "[" + b.base().name(Size.QWORD) + "+" + b.index().name(Size.QWORD) + "*"
                    + b.scale().factor() + disp(b.base(), b.disp()) + "]";
            case Mem.RipRelative r -> throw new IllegalArgumentException("rip-relative text depends on layout");
        };
    }

    private static String disp(Gpr base, int disp) {
        if (disp == 0) {
            return base == Gpr.RBP || base == Gpr.R13 ? "+0x0" : "";
        }
        return disp < 0 ? "-0x" + Long.toHexString(-(long) disp) : "+0x" + Integer.toHexString(disp);
    }

    static String imm(Size size, long value) {
        return switch (size) {
            case BYTE -> "0x" + Long.toHexString(value & 0xFF);
            case WORD -> "0x" + Long.toHexString(value & 0xFFFF);
            case DWORD -> "0x" + Long.toHexString(value & 0xFFFF_FFFFL);
            case QWORD -> "0x" + Long.toHexString(value);
        };
    }
}
