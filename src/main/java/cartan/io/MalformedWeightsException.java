package cartan.io;

import java.io.IOException;

/**
 * A weight file is truncated, internally inconsistent or otherwise not a valid file of its format.
 * Thrown before any buffer sized by an unverified header field is allocated.
 */
public class MalformedWeightsException extends IOException {

    private static final long serialVersionUID = 1L;

    public MalformedWeightsException(String message) {
        super(message);
    }

    public MalformedWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
