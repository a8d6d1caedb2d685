package cartan.io;

import java.io.IOException;

/**
 * A weight file is well formed but uses a feature this reader does not implement (ONNX external
 * data, integer-only or object arrays, files beyond 2 GiB where a single buffer is needed, …).
 */
public class UnsupportedWeightsException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnsupportedWeightsException(String message) {
        super(message);
    }
}
