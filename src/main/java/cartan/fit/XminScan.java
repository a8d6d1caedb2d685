package cartan.fit;

/**
 * Every candidate x_min a {@link TailFitter} tried, with the fitted α, the KS distance D and the
 * tail size n at each — the data behind WeightWatcher's "D vs x_min" and "α vs x_min" plots and
 * CSN's robustness checks. {@link #best()} is the index of the chosen candidate (smallest D, the
 * first one on ties).
 */
public record XminScan(double[] xMins, double[] alphas, double[] distances, int[] tailSizes, int best) {

    public XminScan {
        xMins = xMins.clone();
        alphas = alphas.clone();
        distances = distances.clone();
        tailSizes = tailSizes.clone();
        if (alphas.length != xMins.length || distances.length != xMins.length || tailSizes.length != xMins.length) {
            throw new IllegalArgumentException("xMins: all four arrays must have the same length");
        }
        if (best < 0 || best >= xMins.length) {
            throw new IllegalArgumentException("best: must index the candidates, got " + best);
        }
    }

    @Override
    public double[] xMins() {
        return xMins.clone();
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public int[] tailSizes() {
        return tailSizes.clone();
    }

    public int size() {
        return xMins.length;
    }
}
