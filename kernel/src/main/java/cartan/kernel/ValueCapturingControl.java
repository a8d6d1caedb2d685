package cartan.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JShell's own in-process execution engine ({@link LocalExecutionControl}), changed in one respect: it
 * keeps the <em>object</em> a snippet evaluates to, not only its {@code toString()}, so the kernel can
 * show a {@code BufferedImage} as a PNG.
 *
 * <p>{@code LocalExecutionControl.invoke(doit)} runs {@code doit} on a fresh thread and returns
 * {@code String.valueOf(result)}. This class hands it {@link #trampoline()} instead, a static method
 * that calls the real {@code doit} (found in an inheritable thread-local, which the snippet thread
 * inherits), records its result and rethrows its exceptions unchanged. Everything else — the snippet
 * thread, its thread group and, above all, {@link #stop()} — stays JShell's: on Java 17 stop uses
 * {@code Thread.stop}, on Java 21+ it sets the stop flag that JShell's byte-code instrumentation checks
 * at every method entry and backward branch of snippet code, and interrupts the snippet threads.
 *
 * <p>It also makes the snippet class loader the context class loader of the snippet thread, so that
 * libraries which look up services or resources through the context loader see the notebook's
 * class path.
 */
public final class ValueCapturingControl extends LocalExecutionControl {

    /** The snippet being run and, after it returned, its value; inherited by the snippet thread. */
    private static final InheritableThreadLocal<Slot> CURRENT = new InheritableThreadLocal<>();

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = ValueCapturingControl.class.getMethod("trampoline");
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicReference<Slot> last = new AtomicReference<>();

    private static final class Slot {
        final Method target;
        volatile Object value;
        volatile boolean returned;

        Slot(Method target) {
            this.target = target;
        }
    }

    /** The provider to pass to {@code JShell.builder().executionEngine(provider, params)}. */
    public static final class Provider implements ExecutionControlProvider {
        private final AtomicReference<ValueCapturingControl> generated = new AtomicReference<>();

        @Override
        public String name() {
            return "cartan-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            ValueCapturingControl control = new ValueCapturingControl();
            generated.set(control);
            return control;
        }

        /** The control JShell generated (JShell builds it while it is built), or null before. */
        public ValueCapturingControl control() {
            return generated.get();
        }
    }

    /**
     * Not for notebooks: called reflectively by {@code LocalExecutionControl} on the snippet thread.
     * Runs the snippet's {@code do_it$} method and records what it returns.
     */
    public static Object trampoline() throws Throwable {
        Slot slot = CURRENT.get();
        if (slot == null) {
            throw new IllegalStateException("trampoline called outside a snippet invocation");
        }
        try {
            Object value = slot.target.invoke(null);
            slot.value = value;
            slot.returned = true;
            return value;
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the snippet's own exception (or ThreadDeath on stop), unwrapped once
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Slot slot = new Slot(doitMethod);
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        CURRENT.set(slot);
        try {
            String text = super.invoke(TRAMPOLINE);
            last.set(slot);
            return text;
        } finally {
            CURRENT.remove();
            thread.setContextClassLoader(previousLoader);
        }
    }

    /**
     * The value of the last snippet that returned normally since the previous call, or
     * {@link #NONE}; clears it (so a large value is not kept alive).
     */
    public Object takeValue() {
        Slot slot = last.getAndSet(null);
        return slot != null && slot.returned ? slot.value : NONE;
    }

    /** Marker for "no snippet returned a value". */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "NONE";
        }
    };
}
