package cartan;

import org.ejml.data.DMatrixRMaj;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reflective complement to the hand-written bad-input tests: every public static method of a class
 * whose parameters are numbers, arrays, matrices or matrix lists is called with plausible valid values
 * everywhere except one argument, which gets a NaN, an infinity, an empty array or matrix, or a
 * matrix list with a NaN entry. The call must throw an {@link IllegalArgumentException} whose message
 * starts with an argument-like name and a colon ({@code "values: entry 1 is NaN"}), as
 * {@link Require} writes them. (Parameter names are not in the class files, so the hand-written tests
 * check the exact names.)
 */
public final class ValidationSweep {

    /** "name:" or "name[3]:" or "a.b:" at the start of the message. */
    static final Pattern NAMED = Pattern.compile("^[A-Za-z_][\\w.]*(\\[[^\\]]*\\])*( \\([^)]*\\))?:.*", Pattern.DOTALL);

    private ValidationSweep() {
    }

    /** One bad call: which method, which argument, and what was passed. */
    public record Case(Method method, Object receiver, int argument, String bad, Object[] args) {
        @Override
        public String toString() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + Arrays.toString(method.getParameterTypes()).replace("class ", "") + " arg " + argument + " = " + bad;
        }
    }

    static DMatrixRMaj spd() {
        return new DMatrixRMaj(new double[][]{{4, 1, 0}, {1, 3, 1}, {0, 1, 2}});
    }

    static DMatrixRMaj spdWith(double x) {
        DMatrixRMaj m = spd();
        m.set(1, 1, x);
        return m;
    }

    static boolean supported(Type t) {
        if (t == int.class || t == long.class || t == double.class || t == double[].class || t == int[].class
                || t == DMatrixRMaj.class || t == DMatrixRMaj[].class || t == SplittableRandom.class || t == String.class) {
            return true;
        }
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == DMatrixRMaj.class;
    }

    static Object valid(Type t) {
        if (t == int.class) {
            return 3;
        } else if (t == long.class) {
            return 7L;
        } else if (t == double.class) {
            return 0.5;
        } else if (t == double[].class) {
            return new double[]{3, 2, 1};
        } else if (t == int[].class) {
            return new int[]{3, 2};
        } else if (t == DMatrixRMaj.class) {
            return spd();
        } else if (t == DMatrixRMaj[].class) {
            return new DMatrixRMaj[]{spd(), spd()};
        } else if (t == SplittableRandom.class) {
            return new SplittableRandom(1);
        } else if (t == String.class) {
            return "x";
        }
        return new ArrayList<>(List.of(spd(), spd()));
    }

    /** The bad values for a parameter type, each with a label. */
    static List<Object[]> bad(Type t) {
        List<Object[]> out = new ArrayList<>();
        if (t == double.class) {
            out.add(new Object[]{"NaN", Double.NaN});
            out.add(new Object[]{"+inf", Double.POSITIVE_INFINITY});
        } else if (t == double[].class) {
            out.add(new Object[]{"{3, NaN, 1}", new double[]{3, Double.NaN, 1}});
            out.add(new Object[]{"{3, -inf, 1}", new double[]{3, Double.NEGATIVE_INFINITY, 1}});
            out.add(new Object[]{"{}", new double[0]});
            out.add(new Object[]{"null", null});
        } else if (t == DMatrixRMaj.class) {
            out.add(new Object[]{"matrix with NaN", spdWith(Double.NaN)});
            out.add(new Object[]{"matrix with +inf", spdWith(Double.POSITIVE_INFINITY)});
            out.add(new Object[]{"0x0 matrix", new DMatrixRMaj(0, 0)});
            out.add(new Object[]{"null", null});
        } else if (t == DMatrixRMaj[].class) {
            out.add(new Object[]{"[matrix with NaN]", new DMatrixRMaj[]{spd(), spdWith(Double.NaN)}});
            out.add(new Object[]{"[]", new DMatrixRMaj[0]});
        } else if (t instanceof ParameterizedType) {
            out.add(new Object[]{"[matrix with NaN]", new ArrayList<>(List.of(spd(), spdWith(Double.NaN)))});
            out.add(new Object[]{"[]", new ArrayList<DMatrixRMaj>()});
            out.add(new Object[]{"null", null});
        }
        return out;
    }

    /** Every bad call of every public static method of {@code type} with supported parameters. */
    public static List<Case> cases(Class<?> type) {
        return cases(type, null);
    }

    /**
     * With a {@code receiver}, the public instance methods of its class instead (e.g. every method of a
     * {@code Spectrum} or {@code CartanOrbit} that takes a number, array or matrix).
     */
    public static List<Case> cases(Class<?> type, Object receiver) {
        List<Case> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) != (receiver == null)
                    || m.isSynthetic()) {
                continue;
            }
            Type[] ps = m.getGenericParameterTypes();
            if (ps.length == 0 || !Arrays.stream(ps).allMatch(ValidationSweep::supported)) {
                continue;
            }
            for (int i = 0; i < ps.length; i++) {
                for (Object[] b : bad(ps[i])) {
                    Object[] args = new Object[ps.length];
                    for (int j = 0; j < ps.length; j++) {
                        args[j] = j == i ? b[1] : valid(ps[j]);
                    }
                    out.add(new Case(m, receiver, i, (String) b[0], args));
                }
            }
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    /** The failures of {@link #cases} (empty when every bad call is rejected properly), minus {@code skip}. */
    public static List<String> failures(Class<?> type, Function<Case, Boolean> skip) {
        return failures(cases(type), skip);
    }

    /** The failures among the given cases. */
    public static List<String> failures(List<Case> cases, Function<Case, Boolean> skip) {
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            if (skip.apply(c)) {
                continue;
            }
            try {
                Object r = c.method().invoke(c.receiver(), c.args());
                failures.add(c + ": returned " + describe(r) + " instead of throwing");
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause();
                if (!(t instanceof IllegalArgumentException)) {
                    failures.add(c + ": threw " + t);
                } else if (t.getMessage() == null || !NAMED.matcher(t.getMessage()).matches()) {
                    failures.add(c + ": message does not start with an argument name: " + t.getMessage());
                }
            } catch (IllegalAccessException e) {
                failures.add(c + ": " + e);
            }
        }
        return failures;
    }

    /** Asserts {@link #failures} is empty, listing them all otherwise. */
    public static void assertAllRejected(Class<?> type) {
        assertAllRejected(type, c -> false);
    }

    public static void assertAllRejected(Class<?> type, Function<Case, Boolean> skip) {
        List<String> f = failures(type, skip);
        assertTrue(f.isEmpty(), () -> f.size() + " bad calls not rejected properly:\n  " + String.join("\n  ", f));
        assertTrue(!cases(type).isEmpty(), type + " has no method the sweep can call");
    }

    /** The instance-method sweep of {@code receiver}: every bad call rejected properly. */
    public static void assertAllRejectedOn(Object receiver) {
        List<Case> cs = cases(receiver.getClass(), receiver);
        List<String> f = failures(cs, c -> false);
        assertTrue(f.isEmpty(), () -> f.size() + " bad calls not rejected properly:\n  " + String.join("\n  ", f));
        assertTrue(!cs.isEmpty(), receiver.getClass() + " has no instance method the sweep can call");
    }

    private static String describe(Object r) {
        if (r instanceof double[] d) {
            return Arrays.toString(d);
        }
        return String.valueOf(r);
    }

    /** assertThrows(IAE) and the message starts with {@code name}. */
    public static IllegalArgumentException rejects(String name, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(name),
                () -> "message should start with '" + name + "': " + e.getMessage());
        return e;
    }
}
