package cartan.io;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Razorvine's {@link Unpickler} restricted to what a PyTorch state dict needs — the analogue of
 * {@code torch.load(weights_only=True)}. Every opcode that names a Python global (GLOBAL, STACK_GLOBAL) is
 * intercepted and checked against a fixed allowlist: {@code collections.OrderedDict},
 * {@code torch._utils._rebuild_tensor_v2} / {@code _rebuild_tensor} / {@code _rebuild_parameter} /
 * {@code _rebuild_parameter_with_state}, {@code torch.Size}, {@code _codecs.encode} and the storage types
 * {@code torch.FloatStorage} … ({@link Dtype}). Anything else — a model class, {@code argparse.Namespace},
 * a numpy scalar, {@code os.system} — is refused with an {@link UnsupportedWeightsException} naming the
 * global. Nothing is ever looked up by reflection: the allowed globals map to the small constructors below,
 * which build records ({@link Storage}, {@link Tensor}) and ordered maps; BUILD (the {@code __setstate__}
 * step, which the base class would call reflectively) is only accepted on those maps and ignored (it sets a
 * state dict's {@code _metadata}). Dicts keep insertion order. The opcode stream is checked by
 * {@link PickleScan} first, so no length the data do not hold is ever allocated.
 */
final class TorchUnpickler extends Unpickler {

    /** The storage element types: float ones are read, integer and bool ones skipped. */
    enum Dtype {
        F32(4, true), F64(8, true), F16(2, true), BF16(2, true),
        I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

        final int size;
        final boolean floating;

        Dtype(int size, boolean floating) {
            this.size = size;
            this.floating = floating;
        }
    }

    /** A storage named by a persistent id: the zip entry {@code data/<key>} holding {@code numel} elements. */
    record Storage(String key, Dtype dtype, long numel) {
    }

    /** A tensor: a strided view of a storage. */
    record Tensor(Storage storage, long offset, long[] size, long[] stride) {
    }

    /** A refusal raised inside the unpickler, carried out as the declared exception it wraps. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IOException reason;

        Refusal(IOException reason) {
            super(reason.getMessage(), null, false, false);
            this.reason = reason;
        }
    }

    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z_]{1,64}");
    private static final Map<String, Dtype> STORAGES = Map.of("FloatStorage", Dtype.F32, "DoubleStorage", Dtype.F64,
            "HalfStorage", Dtype.F16, "BFloat16Storage", Dtype.BF16, "LongStorage", Dtype.I64, "IntStorage", Dtype.I32,
            "ShortStorage", Dtype.I16, "CharStorage", Dtype.I8, "ByteStorage", Dtype.U8, "BoolStorage", Dtype.BOOL);

    private final String src;
    private final Map<String, Storage> storages = new HashMap<>();

    TorchUnpickler(String src) {
        this.src = src;
    }

    /** The object a checked pickle describes. */
    Object read(byte[] pickle) throws IOException {
        PickleScan.check(pickle, src);
        try {
            return loads(pickle);
        } catch (Refusal r) {
            throw r.reason;
        } catch (RuntimeException | StackOverflowError e) {
            // PickleException, a cast or an empty stack in a malformed stream: all mean the same
            throw new MalformedWeightsException(src + ": malformed pickle: " + e, e);
        } finally {
            close();
        }
    }

    private Refusal malformed(String what) {
        return new Refusal(new MalformedWeightsException(src + ": " + what));
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(global(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw malformed("STACK_GLOBAL needs two strings");
                }
                stack.add(global(m, n));
            }
            case Opcodes.BUILD -> {
                stack.pop();
                if (!(stack.peek() instanceof OrderedMap)) {
                    throw new Refusal(new UnsupportedWeightsException(src + ": pickle sets the state of a "
                            + describe(stack.peek()) + "; only a state dict's own metadata may be set"));
                }
            }
            case Opcodes.EMPTY_DICT -> stack.add(new OrderedMap());
            case Opcodes.DICT -> {
                List<Object> kv = stack.pop_all_since_marker();
                stack.add(put(new OrderedMap(), kv));
            }
            case Opcodes.SETITEMS -> {
                List<Object> kv = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof OrderedMap m)) {
                    throw malformed("SETITEMS on a " + describe(stack.peek()));
                }
                put(m, kv);
            }
            case Opcodes.SETITEM -> {
                Object v = stack.pop();
                Object k = stack.pop();
                if (!(stack.peek() instanceof OrderedMap m)) {
                    throw malformed("SETITEM on a " + describe(stack.peek()));
                }
                m.put(k, v);
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.NEWOBJ_EX, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4,
                 Opcodes.NEXT_BUFFER, Opcodes.PERSID -> throw malformed("pickle opcode " + key + " is refused");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private OrderedMap put(OrderedMap m, List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw malformed("odd number of items for a dict");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            m.put(kv.get(i), kv.get(i + 1));
        }
        return m;
    }

    /** The constructor an allowed global stands for, or a refusal naming it. */
    private IObjectConstructor global(String module, String name) {
        String g = module + "." + name;
        switch (g) {
            case "collections.OrderedDict":
                return args -> {
                    OrderedMap m = new OrderedMap();
                    if (args.length == 1 && args[0] instanceof List<?> pairs) {
                        for (Object p : pairs) {
                            Object[] kv = p instanceof Object[] a ? a : p instanceof List<?> l ? l.toArray() : null;
                            if (kv == null || kv.length != 2) {
                                throw malformed("OrderedDict item is not a pair");
                            }
                            m.put(kv[0], kv[1]);
                        }
                    } else if (args.length != 0) {
                        throw malformed("OrderedDict with " + args.length + " arguments");
                    }
                    return m;
                };
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                return this::tensor;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return args -> {
                    if (args.length < 1 || !(args[0] instanceof Tensor t)) {
                        throw malformed(name + " without a tensor");
                    }
                    return t;
                };
            case "torch.Size":
                return args -> args.length == 1 && args[0] instanceof Object[] ? args[0] : new Object[0];
            case "_codecs.encode":
                return args -> {
                    if (args.length < 1 || !(args[0] instanceof String s)) {
                        throw malformed("_codecs.encode without a string");
                    }
                    return s.getBytes(StandardCharsets.ISO_8859_1);
                };
            default:
                break;
        }
        if (module.equals("torch") && name.endsWith("Storage")) {
            Dtype d = STORAGES.get(name);
            if (d == null) {
                throw new Refusal(new UnsupportedWeightsException(src + ": storage type " + g + " is not supported "
                        + "(float32, float64, float16 and bfloat16 tensors are read; integer and bool ones skipped)"));
            }
            return new StorageType(d);
        }
        String hint = module.startsWith("__torch__") ? " (a TorchScript archive: save the model's state_dict() instead)"
                : " (only state dicts of tensors are read: save model.state_dict(), not the model)";
        throw new Refusal(new UnsupportedWeightsException(src + ": pickle global '" + g + "' is not allowed" + hint));
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    private Object tensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage s) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride)
                || size.length != stride.length) {
            throw malformed("_rebuild_tensor_v2 needs (storage, offset, size, stride) of equal ranks");
        }
        return new Tensor(s, longValue(offset), longs(size), longs(stride));
    }

    private long[] longs(Object[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] instanceof Number n)) {
                throw malformed("tensor size or stride entry " + describe(a[i]) + " is not an integer");
            }
            out[i] = longValue(n);
        }
        return out;
    }

    private long longValue(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n.longValue();
        }
        throw malformed("integer " + n + " out of range");
    }

    /** {@code ('storage', storage type, key, location, numel)} → the storage, the same object for a shared key. */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType st)
                || !(t[2] instanceof String key) || !(t[3] instanceof String) || !(t[4] instanceof Number numel)) {
            throw malformed("persistent id " + describe(pid) + " is not ('storage', type, key, location, numel)");
        }
        if (!KEY.matcher(key).matches()) {
            throw malformed("storage key '" + key + "' is not a plain name");
        }
        long n = longValue(numel);
        if (n < 0) {
            throw malformed("storage '" + key + "' has " + n + " elements");
        }
        Storage s = new Storage(key, st.dtype, n);
        Storage seen = storages.putIfAbsent(key, s);
        if (seen != null && !seen.equals(s)) {
            throw malformed("storage '" + key + "' is described twice differently");
        }
        return seen == null ? s : seen;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        return o instanceof Object[] a ? "tuple of " + a.length : o.getClass().getSimpleName();
    }

    /** A Python dict or OrderedDict: a map in insertion order. */
    static final class OrderedMap extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** A storage type global: only ever an element of a persistent id, never called. */
    private final class StorageType implements IObjectConstructor {
        final Dtype dtype;

        StorageType(Dtype dtype) {
            this.dtype = dtype;
        }

        @Override
        public Object construct(Object[] args) throws PickleException {
            throw malformed("a storage type is called");
        }
    }
}
