package wasm.wasi.internal;

/**
 * WASI preview1 {@code errno} values, declared in the witx order so that
 * {@link #code()} is the ordinal (EBADF = 8, EINVAL = 28, ENOENT = 44,
 * ENOTCAPABLE = 76, ...). {@code 2big} is spelt {@link #TOO_BIG}.
 */
public enum Errno {
    /** 0 */
    SUCCESS,
    /** 1 */
    TOO_BIG,
    /** 2 */
    ACCES,
    /** 3 */
    ADDRINUSE,
    /** 4 */
    ADDRNOTAVAIL,
    /** 5 */
    AFNOSUPPORT,
    /** 6 */
    AGAIN,
    /** 7 */
    ALREADY,
    /** 8 */
    BADF,
    /** 9 */
    BADMSG,
    /** 10 */
    BUSY,
    /** 11 */
    CANCELED,
    /** 12 */
    CHILD,
    /** 13 */
    CONNABORTED,
    /** 14 */
    CONNREFUSED,
    /** 15 */
    CONNRESET,
    /** 16 */
    DEADLK,
    /** 17 */
    DESTADDRREQ,
    /** 18 */
    DOM,
    /** 19 */
    DQUOT,
    /** 20 */
    EXIST,
    /** 21 */
    FAULT,
    /** 22 */
    FBIG,
    /** 23 */
    HOSTUNREACH,
    /** 24 */
    IDRM,
    /** 25 */
    ILSEQ,
    /** 26 */
    INPROGRESS,
    /** 27 */
    INTR,
    /** 28 */
    INVAL,
    /** 29 */
    IO,
    /** 30 */
    ISCONN,
    /** 31 */
    ISDIR,
    /** 32 */
    LOOP,
    /** 33 */
    MFILE,
    /** 34 */
    MLINK,
    /** 35 */
    MSGSIZE,
    /** 36 */
    MULTIHOP,
    /** 37 */
    NAMETOOLONG,
    /** 38 */
    NETDOWN,
    /** 39 */
    NETRESET,
    /** 40 */
    NETUNREACH,
    /** 41 */
    NFILE,
    /** 42 */
    NOBUFS,
    /** 43 */
    NODEV,
    /** 44 */
    NOENT,
    /** 45 */
    NOEXEC,
    /** 46 */
    NOLCK,
    /** 47 */
    NOLINK,
    /** 48 */
    NOMEM,
    /** 49 */
    NOMSG,
    /** 50 */
    NOPROTOOPT,
    /** 51 */
    NOSPC,
    /** 52 */
    NOSYS,
    /** 53 */
    NOTCONN,
    /** 54 */
    NOTDIR,
    /** 55 */
    NOTEMPTY,
    /** 56 */
    NOTRECOVERABLE,
    /** 57 */
    NOTSOCK,
    /** 58 */
    NOTSUP,
    /** 59 */
    NOTTY,
    /** 60 */
    NXIO,
    /** 61 */
    OVERFLOW,
    /** 62 */
    OWNERDEAD,
    /** 63 */
    PERM,
    /** 64 */
    PIPE,
    /** 65 */
    PROTO,
    /** 66 */
    PROTONOSUPPORT,
    /** 67 */
    PROTOTYPE,
    /** 68 */
    RANGE,
    /** 69 */
    ROFS,
    /** 70 */
    SPIPE,
    /** 71 */
    SRCH,
    /** 72 */
    STALE,
    /** 73 */
    TIMEDOUT,
    /** 74 */
    TXTBSY,
    /** 75 */
    XDEV,
    /** 76 */
    NOTCAPABLE;

    /** The number the guest sees. */
    public int code() {
        return ordinal();
    }
}
