package cartan.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules of the ONNX reader: a weight is named after the node that consumes it (see
 * {@link OnnxReader}), found by following single-input pass-through nodes for at most four hops; an
 * exporter's automatic node name ({@code Conv_73}) gives way to a real tensor name
 * ({@code model.encoder.3.weight}).
 */
final class OnnxNaming {

    static final Set<String> PASS_THROUGH =
            Set.of("Cast", "Transpose", "Identity", "Reshape", "Squeeze", "Unsqueeze", "Flatten");

    /** A node using a tensor as its input number {@code inputIndex}. */
    record Use(OnnxGraph.Node node, int inputIndex) {
    }

    private OnnxNaming() {
    }

    private static final Pattern AUTO_NODE = Pattern.compile("[A-Za-z0-9]*_\\d+");
    private static final Pattern ANONYMOUS_TENSOR = Pattern.compile("onnx::.*|\\d*");

    /**
     * The consuming node's name, unless that is an exporter's automatic "Op_123" (or empty) and the tensor
     * has a real name of its own ("model.encoder.3.weight"), which is then more informative.
     */
    static String nodeName(OnnxGraph.Node node, String tensorName) {
        boolean autoNode = node.name().isEmpty() || AUTO_NODE.matcher(node.name()).matches();
        if (autoNode && !ANONYMOUS_TENSOR.matcher(tensorName).matches()) {
            return tensorName;
        }
        return node.name().isEmpty() ? node.opType() + "(" + tensorName + ")" : node.name();
    }

    static void indexUses(OnnxGraph.Graph g, Map<String, List<Use>> uses) {
        for (OnnxGraph.Node n : g.nodes()) {
            for (int i = 0; i < n.inputs().size(); i++) {
                uses.computeIfAbsent(n.inputs().get(i), k -> new ArrayList<>()).add(new Use(n, i));
            }
            for (OnnxGraph.Graph sub : n.subgraphs()) {
                indexUses(sub, uses);
            }
        }
    }

    /** The most informative consumer: a MatMul/Gemm/Conv/Gather if one is reachable, else the first. */
    static Use consumer(String tensor, Map<String, List<Use>> uses) {
        Use first = null;
        String current = tensor;
        for (int hop = 0; hop < 5; hop++) {
            List<Use> us = uses.get(current);
            if (us == null || us.isEmpty()) {
                break;
            }
            for (Use u : us) {
                switch (u.node().opType()) {
                    case "MatMul", "Gemm", "Conv", "ConvTranspose", "Gather" -> {
                        return u;
                    }
                    default -> {
                    }
                }
            }
            if (first == null) {
                first = us.get(0);
            }
            Use next = null;
            for (Use u : us) {
                if (PASS_THROUGH.contains(u.node().opType()) && u.inputIndex() == 0 && !u.node().outputs().isEmpty()) {
                    next = u;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            current = next.node().outputs().get(0);
        }
        return first;
    }
}
