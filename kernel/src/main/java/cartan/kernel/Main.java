package cartan.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar cartan-kernel.jar CONNECTION_FILE}: starts the kernel.
 *
 * <p>Order matters (the defects of the kernel this one replaces were ordering races): the message
 * handlers are registered before the sockets are bound and polled, the JShell is built only after
 * the first {@code kernel_info_reply} went out (or 5 s after start-up), on its own thread. SIGINT interrupts the running cell instead of ending the JVM (for front ends that
 * interrupt by signal; the kernelspec asks for {@code interrupt_request} messages). After a
 * {@code shutdown_request} the JVM exits as soon as the reply is sent, and at the latest after
 * {@link #EXIT_GRACE_MILLIS}, whatever a stopped cell is still doing. Like ipykernel, the kernel also
 * exits when the process named by {@code JPY_PARENT_PID} (set by jupyter_client) ends, so a crashed
 * client never leaves a 4 GB JVM behind.
 */
public final class Main {

    static final long EXIT_GRACE_MILLIS = 2000;
    static final long SESSION_START_DELAY_MILLIS = 5000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar cartan-kernel.jar CONNECTION_FILE");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("cartan-kernel: connection file '" + connectionFile + "' is not a file");
            System.exit(2);
        }
        // the protocol library's log: warnings only, on the stderr the kernel started with (not a cell's)
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getenv().getOrDefault("CARTAN_KERNEL_LOG", "warn"));
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }

        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(properties);
        CartanKernel kernel = new CartanKernel(KernelOptions.fromEnvironment(System.getenv()));
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        Interrupts.onSigint(kernel::interrupt);
        exitWithParent(System.getenv("JPY_PARENT_PID"));
        connection.connect();
        startSessionSoon(kernel); // normally the first kernel_info_request starts it sooner
        connection.waitUntilClose();
        System.exit(0);
    }

    private static void exitWithParent(String pid) {
        if (pid == null || !pid.matches("\\d{1,10}")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("cartan-kernel: the process that started this kernel (" + pid + ") has exited; exiting");
                    Runtime.getRuntime().halt(0);
                }),
                () -> {
                    System.err.println("cartan-kernel: the process that started this kernel (" + pid + ") is gone; exiting");
                    Runtime.getRuntime().halt(0);
                });
    }

    private static void startSessionSoon(CartanKernel kernel) {
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(SESSION_START_DELAY_MILLIS);
            } catch (InterruptedException e) {
                // start it now
            }
            kernel.startSession();
        }, "cartan-kernel-start-soon");
        starter.setDaemon(true);
        starter.start();
    }

    /** After a shutdown request: make sure the JVM is gone soon, even if a stopped cell lingers. */
    static void exitSoon() {
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                // exit now
            }
            Runtime.getRuntime().halt(0);
        }, "cartan-kernel-exit");
        reaper.setDaemon(true);
        reaper.start();
    }
}
