package cartan.kernel;

import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The Jupyter side of Cartan's kernel: JJava's {@link BaseKernel} (message handling, sockets,
 * display and stream publishing) with a {@link Session} (JShell) behind it.
 *
 * <p>The JShell is built on its own thread right after the sockets are bound, so the first
 * {@code kernel_info_request} is answered at once; the first execute request waits for it.
 * {@link #getKernelInstance()} is how notebook code ({@link Display}, the library's
 * {@code cartan.notebook.Show}) finds the running kernel.
 */
public final class CartanKernel extends BaseKernel {

    /** Imports every session starts with: JShell's default imports and IJava's display functions. */
    static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import static cartan.kernel.Display.*;",
            // IJava defines printf as a statement, so a cell ending in printf(...) shows nothing
            "void printf(String format, Object... args) { System.out.printf(format, args); }");

    private static volatile CartanKernel instance;

    private final KernelOptions options;
    private final ValueDisplay values;
    private final CellIO cellIO;
    private volatile CompletableFuture<Session> session;
    /** A cell is being handled (possibly still waiting for the session to start). */
    private volatile boolean executing;
    /** An interrupt came for the cell being handled. */
    private volatile boolean interruptRequested;

    public CartanKernel(KernelOptions options) {
        super("cartan", version(), languageInfo(),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/")),
                null, new CellIO(), new CommManager(), new Renderer(), null, null, false, errorStyler());
        this.cellIO = (CellIO) io;
        this.options = options;
        this.values = new ValueDisplay(renderer);
    }

    /** The running kernel, or null outside a kernel (IJava's and JJava's accessor name). */
    public static CartanKernel getKernelInstance() {
        return instance;
    }

    private static String version() {
        String v = CartanKernel.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .addHighlightStyle(TextColor.RED_BG)
                .withLinePrefix(TextColor.BOLD_RESET_FG + "|   ")
                .build();
    }

    /** JJava's stream and display routing, with its attach/detach steps reachable from this package. */
    private static final class CellIO extends JupyterIO {
        CellIO() {
            super(StandardCharsets.UTF_8);
        }

        void attach(ShellReplyEnvironment env) {
            setEnv(env);
        }

        void detach(ShellReplyEnvironment env) {
            retractEnv(env);
        }

        void allowStdin(boolean allowed) {
            setJupyterInEnabled(allowed);
        }
    }

    /** How values are shown (used by {@link Display}). */
    public ValueDisplay values() {
        return values;
    }

    /**
     * Starts building the JShell on a thread of its own, once (later calls do nothing). Called after
     * the first {@code kernel_info_reply} is sent, so that building it does not compete with that
     * reply for the CPU, or by {@link Main} a moment after start-up, or by the first request needing it.
     */
    public synchronized void startSession() {
        if (session != null) {
            return;
        }
        CompletableFuture<Session> future = new CompletableFuture<>();
        session = future;
        Thread starter = new Thread(() -> {
            try {
                Session s = Session.start(options.classPath(), options.compilerOptions(), STARTUP);
                future.complete(s);
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "cartan-kernel-jshell-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        super.handleKernelInfoRequest(env, message);
        env.resolveDeferrals(); // the reply (and idle status) go out now, before the JShell is built
        startSession();
    }

    /** The session, waiting for it to be built. */
    private Session session() {
        startSession();
        CompletableFuture<Session> s = session;
        try {
            return s.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the Java session could not start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void onStartup() {
        super.onStartup();
        instance = this;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        instance = null;
        super.onShutdown(isRestarting);
        CompletableFuture<Session> s = session;
        if (s != null && s.isDone() && !s.isCompletedExceptionally()) {
            Session running = s.join();
            running.stop();
            try {
                running.close();
            } catch (RuntimeException e) {
                // closing while a stopped snippet unwinds may complain; the JVM exits next anyway
            }
        }
        Main.exitSoon();
    }

    /**
     * Stops the cell being handled: JShell's stop on the running snippet, and no further snippet of
     * the cell runs (also when the interrupt comes while the session is still starting).
     */
    @Override
    public void interrupt() {
        if (!executing) {
            return;
        }
        interruptRequested = true;
        CompletableFuture<Session> s = session;
        if (s != null && s.isDone() && !s.isCompletedExceptionally()) {
            s.join().stop();
        }
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();

        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        cellIO.attach(env);
        env.defer(() -> cellIO.detach(env));
        cellIO.allowStdin(request.isStdinEnabled());

        interruptRequested = false;
        executing = true;
        try {
            Object value = session().eval(request.getCode(), () -> interruptRequested);
            flush();
            DisplayData shown = value == Session.NO_VALUE ? null : values.render(value);
            if (shown != null && !request.isSilent()) {
                env.publish(new PublishExecuteResult(count, shown));
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellException e) {
            flush();
            error(env, count, e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException e) {
            flush();
            error(env, count, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), formatError(e));
        } finally {
            executing = false;
        }
    }

    private void flush() {
        io.out.flush();
        io.err.flush();
    }

    private static void error(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> traceback) {
        env.publish(new PublishError(ename, evalue, traceback));
        ErrorReply reply = new ErrorReply(ename, evalue, traceback);
        reply.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    @Override
    public Object evalRaw(String source) {
        try {
            Object value = session().eval(source);
            return value == Session.NO_VALUE ? null : value;
        } catch (CellException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public DisplayData eval(String expr) {
        Object value = evalRaw(expr);
        return value == null ? null : values.render(value);
    }

    /** Documentation of the name at the cursor, from JShell's source analysis. */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int end = identifierEnd(code, at);
        List<SourceCodeAnalysis.Documentation> docs = session().shell().sourceCodeAnalysis().documentation(code, end, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        DisplayData data = new DisplayData(docs.stream()
                .map(d -> d.signature() + (d.javadoc() != null ? "\n" + d.javadoc() : ""))
                .collect(Collectors.joining("\n\n")));
        data.putHTML(docs.stream()
                .map(d -> "<code>" + escape(d.signature()) + "</code>"
                        + (d.javadoc() != null ? "<pre>" + escape(d.javadoc()) + "</pre>" : ""))
                .collect(Collectors.joining("<hr/>")));
        return data;
    }

    /**
     * Where documentation should be looked up: the end of the identifier under the cursor, past an
     * opening parenthesis if one follows (so that a method call is documented, not the name alone).
     */
    static int identifierEnd(String code, int at) {
        int i = Math.max(0, Math.min(at, code.length()));
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
            j++;
        }
        return j < code.length() && code.charAt(j) == '(' ? j + 1 : i;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Completions at the cursor from JShell's source analysis, type-matching ones first. */
    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = session().shell().sourceCodeAnalysis()
                .completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        return session().isComplete(code);
    }
}
