package cartan.io;

/** Null checks in the style of {@link cartan.Require}: the message starts with the argument name. */
final class Args {

    private Args() {
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        return value;
    }
}
