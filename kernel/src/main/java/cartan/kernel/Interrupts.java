package cartan.kernel;

/**
 * SIGINT as an interrupt of the running cell, as Python kernels treat it, instead of the JVM's
 * default (exit). Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK this
 * kernel supports); where it is missing, SIGINT keeps its default and interrupts still work by
 * message.
 */
final class Interrupts {

    private Interrupts() {
    }

    static void onSigint(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException | LinkageError e) {
            System.err.println("cartan-kernel: SIGINT cannot be handled here (" + e + "); interrupt by message only");
        }
    }
}
