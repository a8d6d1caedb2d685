package cartan.linalg;

/** Which implementation a {@code cartan.linalg} routine runs on. */
public enum Backend {
    /** LAPACK from OpenBLAS through JavaCPP (native, multi-threaded). */
    LAPACK,
    /** EJML, pure Java (single-threaded). */
    EJML
}
